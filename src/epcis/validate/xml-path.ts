/**
 * Turns a JSON pointer into the model (as validateDocument reports it) into the element path of the XML
 * binding, so that issues found in an XML capture point at XML: list items become repeated child
 * elements with 1-based positions, and fields the XML binding writes as attributes get an '@'.
 */
import type { EpcisDocument } from '../model.js';

/** Child element name of each list field in the XML binding. */
const LIST_ITEM: Record<string, string> = {
  epcList: 'epc',
  childEPCs: 'epc',
  inputEPCList: 'epc',
  outputEPCList: 'epc',
  quantityList: 'quantityElement',
  childQuantityList: 'quantityElement',
  inputQuantityList: 'quantityElement',
  outputQuantityList: 'quantityElement',
  bizTransactionList: 'bizTransaction',
  sourceList: 'source',
  destinationList: 'destination',
  sensorElementList: 'sensorElement',
  correctiveEventIDs: 'correctiveEventID',
  vocabularyList: 'Vocabulary',
  vocabularyElementList: 'VocabularyElement',
  attributes: 'attribute',
  children: 'id',
};

// Lists whose items repeat the list's own element (<set>..</set><set>..</set>, <certificationInfo>...).
const REPEATED_SELF = new Set(['set', 'unset', 'certificationInfo', 'sensorReport']);

// Fields written as XML attributes of their parent element.
const ATTRIBUTE_PARENTS = new Set(['sensorMetadata', 'sensorReport', 'bizTransaction', 'source', 'destination', 'attribute', 'Vocabulary', 'VocabularyElement']);

function unescapeToken(token: string): string {
  return token.indexOf('~') < 0 ? token : token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function eventSegment(doc: EpcisDocument, index: number): string {
  const event = doc.events?.[index];
  const type = typeof event?.type === 'string' ? event.type : 'Event';
  let position = 0;
  for (let i = 0; i <= index && i < (doc.events?.length ?? 0); i++) {
    if (doc.events[i]?.type === type) position++;
  }
  return `${type}[${Math.max(position, 1)}]`;
}

/** The XML binding path of a model pointer, e.g. /EPCISDocument/EPCISBody/EventList/ObjectEvent[4]/epcList/epc[2]. */
export function xmlPathOfPointer(pointer: string, doc: EpcisDocument): string {
  const tokens = pointer.split('/').slice(1).map(unescapeToken);
  const root = doc.type === 'EPCISQueryDocument' ? 'EPCISQueryDocument' : 'EPCISDocument';
  const out: string[] = [root];
  let i = 0;
  if (tokens[0] === 'epcisBody') {
    out.push('EPCISBody');
    i = 1;
    if (tokens[1] === 'queryResults') {
      out.push('QueryResults');
      i = 2;
      if (tokens[2] === 'resultsBody') {
        out.push('resultsBody');
        i = 3;
      }
    }
    if (tokens[i] === 'eventList') {
      out.push('EventList');
      i++;
      if (tokens[i] !== undefined) {
        out.push(eventSegment(doc, Number(tokens[i])));
        i++;
      }
    }
  } else if (tokens[0] === 'epcisHeader') {
    out.push('EPCISHeader', 'extension');
    i = 1;
    if (tokens[1] === 'epcisMasterData') {
      out.push('EPCISMasterData');
      i = 2;
    }
  } else if (tokens.length === 1 && tokens[0] !== '') {
    return `/${root}/@${tokens[0]}`;
  }

  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const parent = out[out.length - 1]!.replace(/\[\d+\]$/, '');
    if (next !== undefined && /^\d+$/.test(next) && (LIST_ITEM[token] || REPEATED_SELF.has(token))) {
      const item = LIST_ITEM[token];
      if (item) out.push(token === 'vocabularyList' ? 'VocabularyList' : token === 'vocabularyElementList' ? 'VocabularyElementList' : token, `${item}[${Number(next) + 1}]`);
      else out.push(`${token}[${Number(next) + 1}]`);
      i++;
    } else if (ATTRIBUTE_PARENTS.has(parent) && token !== 'sensorMetadata' && token !== 'sensorReport') {
      // source/destination/bizTransaction values are the element's text; only "type" is an attribute.
      if ((parent === 'source' || parent === 'destination' || parent === 'bizTransaction') && token === parent) continue;
      out.push(`@${token}`);
    } else {
      out.push(token);
    }
  }
  return `/${out.join('/')}`;
}
