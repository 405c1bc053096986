// A JSON document from raw bytes (an MQTT payload), refused with the place of the fault when the bytes
// are not UTF-8 or the text is not JSON, so an integrator can find it in what the device sent.

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The parsed payload, or why it cannot be read. */
export function parseJsonPayload(payload: Buffer): { value: unknown } | { reason: string } {
  const bytes = UTF8_BOM.every((byte, i) => payload[i] === byte) ? payload.subarray(3) : payload;
  if (bytes.length === 0 || bytes.toString('latin1').trim() === '') return { reason: 'the message is empty: send a JSON reading' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const badByte = firstInvalidUtf8Byte(bytes, text);
  if (badByte !== undefined) {
    return { reason: `the message is not UTF-8 text: byte ${badByte} (0x${bytes[badByte]!.toString(16).padStart(2, '0')}) starts no valid character` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { reason: `the message is not JSON: ${syntaxErrorWhere(text, (error as Error).message)}` };
  }
}

/**
 * The offset of the first byte that is not part of valid UTF-8, or undefined when all are. Valid
 * sequences survive decoding and encoding again byte for byte, so the first difference between the
 * bytes and the re-encoded text is the first bad one (an invalid sequence became U+FFFD).
 */
function firstInvalidUtf8Byte(bytes: Buffer, decoded: string): number | undefined {
  const again = Buffer.from(decoded, 'utf8');
  if (again.equals(bytes)) return undefined;
  const length = Math.min(again.length, bytes.length);
  for (let i = 0; i < length; i++) if (again[i] !== bytes[i]) return i;
  return length;
}

/** V8's message with the line and column it names by offset (`at position 17`), when it names one. */
function syntaxErrorWhere(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column} (offset ${offset})`;
}
