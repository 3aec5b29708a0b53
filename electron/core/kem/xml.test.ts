import { describe, expect, it } from 'vitest';
import { XmlError } from './errors';
import { childElements, findElement, parseXml, textContent } from './xml';

const parse = (text: string | Buffer) =>
  parseXml(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'The file');

function problem(text: string | Buffer): { problem: string; offset: number } {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof XmlError) return { problem: error.problem, offset: error.offset! };
    throw error;
  }
  throw new Error('parsed');
}

describe('the XML reader', () => {
  it('reads elements, attributes, text, entities, character references, CDATA and comments', () => {
    const root = parse(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- exported -->\n<!DOCTYPE MetersInOrder SYSTEM "kem.dtd">\n' +
        '<MetersInOrder note=\'a &amp; b\'>\n  <Meter n="1"><MeterName>Omni&#80;ower &lt;3&gt;</MeterName>' +
        '<!-- c --><DEK><![CDATA[9A25 <raw> &amp;]]></DEK><?pi data?><Site>S&#xf8;nderborg &quot;&apos;</Site></Meter>\n</MetersInOrder>\n<!-- end -->\n',
    );
    expect(root).toMatchObject({ name: 'MetersInOrder', attributes: { note: 'a & b' } });
    const meter = childElements(root, 'Meter')[0]!;
    expect(meter.attributes).toEqual({ n: '1' });
    expect(textContent(findElement(meter, 'MeterName')!)).toBe('OmniPower <3>');
    expect(textContent(findElement(meter, 'DEK')!)).toBe('9A25 <raw> &amp;');
    expect(textContent(findElement(meter, 'Site')!)).toBe('Sønderborg "\'');
  });

  it('resolves namespaces by prefix and by default, and gives byte offsets of elements', () => {
    const xml =
      '<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="urn:ds">' +
      '<ds:KeyInfo/><xenc:CipherData><CipherValue xmlns="urn:other">QUJD</CipherValue></xenc:CipherData></xenc:EncryptedData>';
    const root = parse(xml);
    expect(root).toMatchObject({
      prefix: 'xenc',
      local: 'EncryptedData',
      namespace: 'http://www.w3.org/2001/04/xmlenc#',
      offset: 0,
    });
    expect(findElement(root, 'KeyInfo')).toMatchObject({ namespace: 'urn:ds' });
    const value = findElement(root, 'CipherValue')!;
    expect(value).toMatchObject({
      prefix: null,
      namespace: 'urn:other',
      offset: xml.indexOf('<CipherValue'),
    });
  });

  it('counts offsets in bytes, not characters', () => {
    // "ø" is two bytes in UTF-8: the stray < after it is at byte 12, character 11.
    expect(problem('<a>Sønder<</a>')).toEqual({
      problem: 'an element name after < was expected',
      offset: 11,
    });
  });

  it.each<[string | Buffer, string, number]>([
    ['<a><b></a>', 'the closing tag </a> does not match <b> opened at byte 3', 6],
    ['<a>&nbsp;</a>', 'an unknown entity &nbsp; (only &lt; &gt; &amp; &quot; &apos; are defined)', 3],
    ['<a>R&D</a>', 'an & that starts no entity or character reference', 4],
    ['<a>&#0;</a>', 'a character reference &#0; to no character XML allows', 3],
    ['<a><x:b/></a>', 'the prefix "x" of <x:b> is not declared', 3],
    ['<a>ok\u0003</a>', 'a control character (U+0003)', 5],
    ['<a><b>text', 'the document ends inside <b> (opened at byte 3): it is truncated', 10],
    ['<a><b attr="1"', 'the document ends inside the tag <b>: it is truncated', 14],
    ['<a x=1/>', 'the value of x in <a> is not quoted', 5],
    ['<a x="1" x="2"/>', 'the attribute x appears twice in <a>', 9],
    [Buffer.from('<a>\xff</a>', 'latin1'), 'a byte that is not UTF-8 text', 3],
    ['<a/><b/>', 'content after the root element <a> ended', 4],
    ['hello <a/>', 'text before the root element', 0],
    ['<?xml version="1.0"?>  ', 'no root element', 23],
    [
      '<!DOCTYPE a [<!ENTITY x "y">]><a/>',
      'a DOCTYPE with declarations of its own (not used by KEM files)',
      12,
    ],
    ['<a><!-- no end</a>', 'a comment is not closed with -->', 3],
  ])('refuses %s: %s, at byte %i', (text, expected, offset) => {
    expect(problem(text)).toEqual({ problem: expected, offset });
  });

  it('refuses nesting deeper than 256 elements without overflowing the stack', () => {
    expect(problem('<a>'.repeat(100_000)).problem).toBe('elements nested deeper than 256');
  });

  it('puts the document name and the offset in the message', () => {
    expect(() => parseXml(Buffer.from('<a>'), 'The decrypted content')).toThrow(
      'The decrypted content is not well-formed XML: the document ends inside <a> (opened at byte 0): it is truncated at byte 3.',
    );
  });
});
