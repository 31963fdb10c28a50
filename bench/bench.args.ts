/** Options that take a value, as `--name value` or `--name=value`. */
export const VALUE_OPTIONS = ['--events'] as const;

/** The value of a value option from the command line, or undefined when absent. */
export function optionValue(
  name: (typeof VALUE_OPTIONS)[number],
  argv = process.argv,
): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = argv[index]!;
  return arg === name ? argv[index + 1] : arg.slice(name.length + 1);
}

/** Scenario names: the arguments that are neither options nor an option's value. */
export function scenarioNames(args: readonly string[]): string[] {
  return args.filter(
    (arg, i) =>
      !arg.startsWith('--') && !(VALUE_OPTIONS as readonly string[]).includes(args[i - 1] ?? ''),
  );
}
