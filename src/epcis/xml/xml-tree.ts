/**
 * The small element tree that the streaming reader builds for one event (or the header) at a time.
 * Each node remembers its XML path and position so that mapping errors can say where they are.
 */
import { validationError, type EpcisException } from '../exceptions.js';

export interface XmlAttribute {
  prefix: string;
  local: string;
  uri: string;
  value: string;
}

export interface XmlElement {
  prefix: string;
  local: string;
  /** Namespace IRI of the element; '' for un-namespaced (standard EPCIS) elements. */
  uri: string;
  /** Attributes other than namespace declarations. */
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The element's own character data (text and CDATA), concatenated. */
  text: string;
  path: string;
  line: number;
  column: number;
}

export const EPCIS_NS = 'urn:epcglobal:epcis:xsd:2';
export const EPCIS_QUERY_NS = 'urn:epcglobal:epcis-query:xsd:2';
export const EPCIS_MASTERDATA_NS = 'urn:epcglobal:epcis-masterdata:xsd:2';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const SBDH_NS = 'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader';

/** Whether a namespace IRI is one of the EPCIS standard's own (any version), not a user extension. */
export function isEpcisNamespace(uri: string): boolean {
  return uri === '' || /^urn:epcglobal:epcis(-query|-masterdata)?:xsd:[12]$/.test(uri);
}

/** Whether an element is a standard (un-namespaced or EPCIS-namespaced) element with this local name. */
export function isStandard(el: XmlElement, local?: string): boolean {
  return isEpcisNamespace(el.uri) && (local === undefined || el.local === local);
}

/**
 * Children with EPCIS 1.x `<extension>` / `<baseExtension>` wrappers unwrapped, so that 1.2 layouts read
 * like the flat 2.0 ones.
 */
export function flatChildren(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (isStandard(child) && (child.local === 'extension' || child.local === 'baseExtension')) {
      out.push(...flatChildren(child));
    } else {
      out.push(child);
    }
  }
  return out;
}

/** The first standard child with this local name (after unwrapping extension wrappers). */
export function childNamed(el: XmlElement, local: string): XmlElement | undefined {
  return flatChildren(el).find((c) => isStandard(c, local));
}

/** A ValidationException that points at an element of the input. */
export function errorAt(el: XmlElement, message: string): EpcisException {
  return validationError(`${message} (at ${el.path}, line ${el.line}, column ${el.column})`, [
    { message, xmlPath: el.path, line: el.line, column: el.column },
  ]);
}
