/**
 * The EPCISHeader: the SBDH is kept as an opaque object under `sbdh` (prefixed keys, as for user
 * extensions), and EPCISMasterData is read into the JSON binding's vocabularyList shape.
 */
import type { EpcisHeader, ExtensionObject, ExtensionValue, Vocabulary, VocabularyElement } from '../model.js';
import { addChildren, addEntry, extensionValue, type PrefixBinder } from './extension-reader.js';
import { errorAt, flatChildren, isStandard, type XmlElement } from './xml-tree.js';

/**
 * Reads an EPCISHeader element. The StandardBusinessDocumentHeader becomes `header.sbdh`
 * (an object keyed like extensions, e.g. "sbdh:Sender"); other non-EPCIS elements are kept as
 * "prefix:local" keys of the header.
 */
export function readHeader(el: XmlElement, binder: PrefixBinder): EpcisHeader {
  const header: EpcisHeader = {};
  for (const c of flatChildren(el)) {
    if (isStandard(c, 'EPCISMasterData')) {
      const list = flatChildren(c).find((x) => isStandard(x, 'VocabularyList'));
      header.epcisMasterData = { vocabularyList: list ? readVocabularyList(list, binder) : [] };
    } else if (c.local === 'StandardBusinessDocumentHeader') {
      header.sbdh = extensionValue(c, binder);
    } else {
      addEntry(header, binder.nameKey(c), extensionValue(c, binder));
    }
  }
  return header;
}

/** Reads a VocabularyList element into the JSON binding's list of vocabularies. */
export function readVocabularyList(el: XmlElement, binder: PrefixBinder): Vocabulary[] {
  return flatChildren(el)
    .filter((v) => isStandard(v, 'Vocabulary'))
    .map((v) => {
      const type = v.attributes.find((a) => a.local === 'type' && !a.uri)?.value;
      if (!type) throw errorAt(v, '<Vocabulary> needs a type attribute');
      const listEl = flatChildren(v).find((x) => isStandard(x, 'VocabularyElementList'));
      const elements = listEl ? flatChildren(listEl).filter((x) => isStandard(x, 'VocabularyElement')) : [];
      return { type, vocabularyElementList: elements.map((e) => readVocabularyElement(e, binder)) };
    });
}

function readVocabularyElement(el: XmlElement, binder: PrefixBinder): VocabularyElement {
  const id = el.attributes.find((a) => a.local === 'id' && !a.uri)?.value;
  if (!id) throw errorAt(el, '<VocabularyElement> needs an id attribute');
  const out: VocabularyElement = { id };
  for (const c of flatChildren(el)) {
    if (isStandard(c, 'attribute')) {
      const attrId = c.attributes.find((a) => a.local === 'id' && !a.uri)?.value;
      if (!attrId) throw errorAt(c, '<attribute> needs an id attribute');
      (out.attributes ??= []).push({ id: attrId, attribute: attributeValue(c, binder) });
    } else if (isStandard(c, 'children')) {
      out.children = [...(out.children ?? []), ...flatChildren(c).filter((x) => isStandard(x, 'id')).map((x) => x.text.trim())];
    }
  }
  return out;
}

/** A master-data attribute: its text, or its nested XML as an object (other attributes as keys). */
function attributeValue(el: XmlElement, binder: PrefixBinder): ExtensionValue {
  const others = el.attributes.filter((a) => !(a.local === 'id' && !a.uri));
  if (el.children.length === 0 && others.length === 0) return el.text.trim();
  const obj: ExtensionObject = {};
  for (const a of others) obj[binder.nameKey(a)] = a.value;
  const text = el.text.trim();
  if (text) obj['#text'] = text;
  addChildren(obj, el.children, binder);
  return obj;
}
