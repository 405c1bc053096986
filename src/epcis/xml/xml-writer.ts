/**
 * A minimal, indenting XML writer: escapes text and attribute values and drops characters XML 1.0
 * cannot carry, so whatever a stored event holds, the output is well-formed.
 */

// Control characters other than tab/LF/CR, lone surrogates and U+FFFE/U+FFFF are not XML 1.0 characters.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes character data for use as element content. */
export function escapeText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes a value for use inside a double-quoted attribute. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

const NC_NAME = /^[A-Za-z_\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*$/u;

/** Whether a string is a valid XML name without a colon (NCName, practical subset). */
export function isNcName(name: string): boolean {
  return NC_NAME.test(name);
}

export type Attributes = [string, string][];

/** Accumulates XML text with two-space indentation. */
export class XmlWriter {
  private readonly parts: string[] = [];
  private depth = 0;

  private indent(): string {
    return '\n' + '  '.repeat(this.depth);
  }

  private attrs(attributes: Attributes): string {
    return attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  }

  /** Writes `<?xml ...?>`. */
  declaration(): this {
    this.parts.push('<?xml version="1.0" encoding="UTF-8"?>');
    return this;
  }

  /** Opens an element that will have child elements. */
  open(name: string, attributes: Attributes = []): this {
    this.parts.push(`${this.parts.length ? this.indent() : ''}<${name}${this.attrs(attributes)}>`);
    this.depth += 1;
    return this;
  }

  /** Closes the element opened last. */
  close(name: string): this {
    this.depth -= 1;
    this.parts.push(`${this.indent()}</${name}>`);
    return this;
  }

  /** Writes an element with text content only (or an empty element). */
  leaf(name: string, text: string | undefined, attributes: Attributes = []): this {
    const start = `${this.parts.length ? this.indent() : ''}<${name}${this.attrs(attributes)}`;
    this.parts.push(text === undefined || text === '' ? `${start}/>` : `${start}>${escapeText(text)}</${name}>`);
    return this;
  }

  /** Writes raw text right after the last start tag (for mixed content). */
  text(text: string): this {
    this.parts.push(escapeText(text));
    return this;
  }

  /** The XML written so far. */
  toString(): string {
    return this.parts.join('');
  }
}
