/**
 * A small RFC 3986 absolute-URI checker. The standard lets every identifier field carry a private URI,
 * so beyond the EPC and Digital Link grammars this is the only rule: a scheme, a colon, and a body made
 * of URI characters with well-formed percent escapes.
 */

// 1 = allowed in the body of a URI (unreserved, reserved and '%'), indexed by char code < 128.
const URI_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%") {
  URI_CHAR[c.charCodeAt(0)] = 1;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The length of the URI scheme (before ':'), or -1 when the value does not start with a valid scheme. */
export function schemeLength(value: string): number {
  if (value.length === 0 || !isAlpha(value.charCodeAt(0))) return -1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 58) return i;
    if (!(isAlpha(c) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return -1;
  }
  return -1;
}

/** Why a value is not an absolute URI, or null when it is one. */
export function uriProblem(value: string): string | null {
  const colon = schemeLength(value);
  if (colon < 0) return 'an absolute URI needs a scheme such as "urn:" or "https:"';
  if (colon === value.length - 1) return 'nothing follows the URI scheme';
  for (let i = colon + 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || URI_CHAR[c] === 0) {
      const shown = c === 32 ? 'a space' : `'${value[i]}'`;
      return `${shown} at position ${i + 1} is not allowed in a URI (percent-encode it)`;
    }
    if (c === 37 && !(isHex(value.charCodeAt(i + 1)) && isHex(value.charCodeAt(i + 2)))) {
      return `'%' at position ${i + 1} does not start a %XX escape`;
    }
  }
  return null;
}

/** Whether a value is an absolute URI (RFC 3986, ASCII). */
export function isAbsoluteUri(value: string): boolean {
  return uriProblem(value) === null;
}
