/** JSON pointers (RFC 6901), the way problems in JSON-LD input are located for the sender. */

/** The JSON pointer of a path of keys and indexes ('' is the whole document). */
export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The pointer of a child of the value at `pointer`. */
export function childPointer(pointer: string, key: string | number): string {
  return pointer + pointerOf([key]);
}

/**
 * A place in a JSON value as a chain of parent links: cheap to extend for every node walked, and turned
 * into a pointer string only when a problem has to be reported.
 */
export interface JsonPath {
  readonly parent: JsonPath | undefined;
  readonly key: string | number;
}

/** The path of a child of `parent` (undefined parent = the root). */
export function childPath(parent: JsonPath | undefined, key: string | number): JsonPath {
  return { parent, key };
}

/** The JSON pointer of a path, relative to `base` (a pointer). */
export function pointerOfPath(path: JsonPath | undefined, base = ''): string {
  const keys: (string | number)[] = [];
  for (let p = path; p !== undefined; p = p.parent) keys.push(p.key);
  return base + pointerOf(keys.reverse());
}
