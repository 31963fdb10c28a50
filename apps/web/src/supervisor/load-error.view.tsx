/** Why a polled section has nothing to show (an alert, so screen readers hear it at once). */
export function LoadError({ what, error }: { what: string; error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p role="alert" class="error">
      {what} could not be loaded: {error}
    </p>
  );
}
