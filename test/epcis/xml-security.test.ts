import { describe, expect, it } from 'vitest';
import { EpcisException } from '../../src/epcis/exceptions.js';
import { MAX_XML_DEPTH } from '../../src/epcis/xml/document-reader.js';
import { parseXmlDocument, parseXmlDocumentStream, parseXmlEvent } from '../../src/epcis/xml/parse.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const OPEN = '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">';
const CLOSE = '</epcis:EPCISDocument>';
const objectEvent = (inner = '<action>OBSERVE</action>') =>
  `<ObjectEvent><eventTime>2024-01-01T10:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>${inner}</ObjectEvent>`;
const doc = (...events: string[]) => `${HEAD}${OPEN}<EPCISBody><EventList>${events.join('')}</EventList></EPCISBody>${CLOSE}`;

function refusal(fn: () => unknown): EpcisException {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EpcisException);
    expect((error as EpcisException).type).toBe('ValidationException');
    return error as EpcisException;
  }
  throw new Error('expected the input to be refused');
}

describe('XML parser security', () => {
  it('refuses a DOCTYPE with an internal subset', () => {
    const err = refusal(() => parseXmlDocument(`${HEAD}<!DOCTYPE x [ <!ELEMENT x ANY> ]>${OPEN}${CLOSE}`));
    expect(err.message).toMatch(/DOCTYPE/);
    expect(err.issues[0]?.line).toBe(2);
  });

  it('refuses entity declarations and the billion laughs', () => {
    const laughs = [
      '<!DOCTYPE lolz [',
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
    ].join('\n');
    const err = refusal(() => parseXmlDocument(`${HEAD}${laughs}<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">&lol9;${CLOSE}`));
    expect(err.message).toMatch(/DOCTYPE/);
  });

  it('refuses external entities (SYSTEM and PUBLIC identifiers)', () => {
    refusal(() => parseXmlDocument(`${HEAD}<!DOCTYPE x SYSTEM "file:///etc/passwd">${OPEN}${CLOSE}`));
    refusal(() => parseXmlDocument(`${HEAD}<!DOCTYPE x PUBLIC "-//X//Y" "http://example.com/x.dtd">${OPEN}${CLOSE}`));
  });

  it('refuses an undeclared entity reference', () => {
    const err = refusal(() => parseXmlDocument(doc(objectEvent('<action>&xxe;</action>'))));
    expect(err.message).toMatch(/entity/i);
  });

  it('accepts a bare DOCTYPE that declares nothing (as in official GS1 examples)', () => {
    expect(parseXmlDocument(`${HEAD}<!DOCTYPE project>\n${doc(objectEvent()).slice(HEAD.length)}`).events).toHaveLength(1);
  });

  it(`refuses nesting deeper than ${MAX_XML_DEPTH} levels`, () => {
    const depth = MAX_XML_DEPTH; // plus root, body, list, event = well past the limit
    const deep = `<ex:a xmlns:ex="urn:x">${'<ex:a>'.repeat(depth)}x${'</ex:a>'.repeat(depth + 1)}`;
    const err = refusal(() => parseXmlDocument(doc(objectEvent(`<action>OBSERVE</action>${deep}`))));
    expect(err.message).toMatch(/nested deeper than 64/);
    expect(err.issues[0]?.xmlPath).toMatch(/^\/EPCISDocument\/EPCISBody\/EventList\/ObjectEvent\[1\]\/ex:a\/ex:a/);
  });

  it('accepts nesting up to the limit', () => {
    const depth = MAX_XML_DEPTH - 5;
    const deep = `${'<ex:a xmlns:ex="urn:x">'}${'<ex:a>'.repeat(depth - 1)}x${'</ex:a>'.repeat(depth)}`;
    const event = parseXmlDocument(doc(objectEvent(`<action>OBSERVE</action>${deep}`))).events[0]!;
    let v: unknown = event['ex:a'];
    for (let i = 1; i < depth; i += 1) v = (v as Record<string, unknown>)['ex:a'];
    expect(v).toBe('x');
  });

  it('refuses invalid UTF-8 and names the byte offset', () => {
    const text = Buffer.from(doc(objectEvent()), 'utf8');
    const at = text.indexOf('OBSERVE');
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at)]);
    const err = refusal(() => parseXmlDocument(bad));
    expect(err.message).toContain(`byte offset ${at}`);
  });

  it('finds invalid UTF-8 across stream chunks', async () => {
    const text = Buffer.from(doc(objectEvent('<action>OBSERVE</action><ex:n xmlns:ex="urn:x">\u00e9\u00e9</ex:n>')), 'utf8');
    const good = parseXmlDocument(text).events[0]!;
    expect(good['ex:n']).toBe('éé');
    const at = text.indexOf(0xc3) + 2; // second é: keep its lead byte, spoil its continuation byte
    const bad = Buffer.from(text);
    bad[at + 1] = 0x41;
    async function* chunks() {
      for (let i = 0; i < bad.length; i += 7) yield bad.subarray(i, i + 7);
    }
    await expect(parseXmlDocumentStream(chunks(), () => undefined)).rejects.toThrow(`byte offset ${at}`);
  });

  it('refuses a truncated multi-byte sequence at the end of input', () => {
    const err = refusal(() => parseXmlDocument(Buffer.concat([Buffer.from(doc(objectEvent())), Buffer.from([0xe2, 0x82])])));
    expect(err.message).toMatch(/not valid UTF-8/);
  });

  it('reports an unclosed tag with line and column', () => {
    const xml = `${HEAD}${OPEN}\n<EPCISBody>\n<EventList>\n${objectEvent('<action>OBSERVE</action><bizStep>x')}\n</EventList></EPCISBody>${CLOSE}`;
    const err = refusal(() => parseXmlDocument(xml));
    expect(err.issues[0]?.line).toBeGreaterThanOrEqual(5);
    expect(err.issues[0]?.column).toBeGreaterThan(0);
    expect(err.message).toMatch(/line \d+, column \d+/);
  });

  it('reports input that ends before the root element is closed', () => {
    const err = refusal(() => parseXmlDocument(`${HEAD}${OPEN}<EPCISBody><EventList>`));
    expect(err.message).toMatch(/Malformed XML/);
  });

  it('refuses an unknown event element, naming its path', () => {
    const err = refusal(() => parseXmlDocument(doc(objectEvent(), '<QuantityEvent><eventTime>x</eventTime></QuantityEvent>')));
    expect(err.issues[0]?.xmlPath).toBe('/EPCISDocument/EPCISBody/EventList/QuantityEvent[1]');
    expect(err.message).toMatch(/not an EPCIS 2.0 event type/);
  });

  it('puts the XML path of a bad value in the error', () => {
    const err = refusal(() => parseXmlDocument(doc(objectEvent(), objectEvent('<action>MOVE</action>'))));
    expect(err.issues[0]).toMatchObject({ xmlPath: '/EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/action' });
    expect(err.issues[0]?.line).toBe(2);
  });

  it('refuses a non-number quantity and a bad sensor value', () => {
    const q = refusal(() => parseXmlDocument(doc(objectEvent('<action>ADD</action><quantityList><quantityElement><epcClass>urn:x</epcClass><quantity>lots</quantity></quantityElement></quantityList>'))));
    expect(q.issues[0]?.xmlPath).toMatch(/quantityList\/quantityElement\/quantity$/);
    const s = refusal(() => parseXmlDocument(doc(objectEvent('<action>ADD</action><sensorElementList><sensorElement><sensorReport value="warm"/></sensorElement></sensorElementList>'))));
    expect(s.message).toMatch(/sensorReport\/@value must be a number/);
  });

  it('refuses an event without eventTime, a foreign root and a non-UTF-8 declaration', () => {
    refusal(() => parseXmlDocument(doc('<ObjectEvent><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>ADD</action></ObjectEvent>')));
    refusal(() => parseXmlDocument(`${HEAD}<html><body/></html>`));
    refusal(() => parseXmlDocument(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${OPEN}${CLOSE}`)));
    refusal(() => parseXmlDocument(''));
  });

  it('parseXmlEvent takes a bare event or a one-event document, and refuses two events', () => {
    expect(parseXmlEvent(objectEvent()).type).toBe('ObjectEvent');
    expect(parseXmlEvent(doc(objectEvent())).action).toBe('OBSERVE');
    refusal(() => parseXmlEvent(doc(objectEvent(), objectEvent())));
  });
});
