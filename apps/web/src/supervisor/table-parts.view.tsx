import type { ComponentChildren } from 'preact';

/** A data table's header row: one column header per name, in order. */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th key={name} scope="col">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The single row a table shows when it has nothing to list, across all `columns`. */
export function EmptyRow({
  columns,
  children,
}: {
  columns: readonly string[];
  children: ComponentChildren;
}) {
  return (
    <tr>
      <td colSpan={columns.length} class="hint">
        {children}
      </td>
    </tr>
  );
}
