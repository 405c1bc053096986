/** Placeholder: the header's search box (issue 12, shipments step). */
export function SearchBox() {
  return null;
}
