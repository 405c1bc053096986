/**
 * User extensions in XML (elements and attributes outside the EPCIS namespace) mapped onto the JSON
 * binding shape: "prefix:local" keys, with the prefixes bound in the event's own '@context'.
 */
import type { ExtensionObject, ExtensionValue, NamespaceBindings } from '../model.js';
import type { XmlAttribute, XmlElement } from './xml-tree.js';

/**
 * Generated prefixes for namespaces that a document uses without a prefix (xmlns="..."), shared by
 * all events of one document so the same IRI always gets the same prefix.
 */
export class DefaultPrefixes {
  private readonly byIri = new Map<string, string>();
  private next = 1;

  constructor(private readonly reserved: Set<string> = new Set()) {}

  /** Marks a prefix as declared by the document, so it is never generated. */
  reserve(prefix: string): void {
    this.reserved.add(prefix);
  }

  /** The generated prefix (ns1, ns2, ...) of a default-namespace IRI. */
  prefixFor(iri: string): string {
    let p = this.byIri.get(iri);
    if (!p) {
      do p = `ns${this.next++}`;
      while (this.reserved.has(p));
      this.byIri.set(iri, p);
    }
    return p;
  }
}

/** Collects the prefix bindings used by one event (or header) while its keys are made. */
export class PrefixBinder {
  readonly bindings: NamespaceBindings = {};
  // Indexes over `bindings` (a prefix, once bound, keeps its IRI): an event may declare thousands of
  // namespaces, and searching the bindings for each name would make reading it quadratic.
  /** The first prefix bound to each IRI. */
  private readonly prefixOfIri = new Map<string, string>();
  /** For a prefix bound to several IRIs: the next number to try as its suffix. */
  private readonly nextSuffix = new Map<string, number>();

  constructor(private readonly defaults: DefaultPrefixes) {}

  /** The "prefix:local" key of a namespaced name, binding the prefix (renamed if already taken). */
  key(prefix: string, iri: string, local: string): string {
    let p = prefix || this.defaults.prefixFor(iri);
    if (this.bindings[p] !== undefined && this.bindings[p] !== iri) {
      // The same prefix bound to two IRIs within one event: keep both apart under distinct prefixes.
      const existing = this.prefixOfIri.get(iri);
      if (existing !== undefined) p = existing;
      else {
        let n = this.nextSuffix.get(p) ?? 2;
        while (this.bindings[`${p}${n}`] !== undefined) n += 1;
        this.nextSuffix.set(p, n + 1);
        p = `${p}${n}`;
      }
    }
    this.bindings[p] = iri;
    if (!this.prefixOfIri.has(iri)) this.prefixOfIri.set(iri, p);
    return `${p}:${local}`;
  }

  /** The key of an element or attribute name: "prefix:local" when namespaced, else the bare local name. */
  nameKey(node: { prefix: string; uri: string; local: string }): string {
    return node.uri ? this.key(node.prefix, node.uri, node.local) : node.local;
  }
}

/** Extension attributes of a standard element (those not listed as its own) as "prefix:local" entries. */
export function attributeEntries(attrs: XmlAttribute[], binder: PrefixBinder): [string, string][] {
  return attrs.map((a) => [binder.nameKey(a), a.value]);
}

/**
 * One extension element as a value: text only -> trimmed string; attributes and/or child elements ->
 * object (attributes as keys, repeated children as arrays, text beside them as '#text').
 */
export function extensionValue(el: XmlElement, binder: PrefixBinder): ExtensionValue {
  if (el.children.length === 0 && el.attributes.length === 0) return el.text.trim();
  const obj: ExtensionObject = {};
  for (const [k, v] of attributeEntries(el.attributes, binder)) obj[k] = v;
  const text = el.text.trim();
  if (text) obj['#text'] = text;
  addChildren(obj, el.children, binder);
  return obj;
}

/** Adds elements as extension entries of an object (repeated names become arrays). */
export function addChildren(obj: ExtensionObject, children: XmlElement[], binder: PrefixBinder): void {
  for (const child of children) addEntry(obj, binder.nameKey(child), extensionValue(child, binder));
}

/** Adds one entry; a repeated key turns into an array in document order. */
export function addEntry(obj: Record<string, unknown>, key: string, value: ExtensionValue): void {
  // extensionValue never yields an array, so an array already present is one this function made.
  const prev = obj[key];
  if (prev === undefined) obj[key] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else obj[key] = [prev as ExtensionValue, value];
}
