import { XmlError } from './errors';
import { codePointName, firstInvalidUtf8, isXmlChar, resolveReference } from './xml-text';

// A small, strict XML 1.0 reader over UTF-8 bytes, enough for KEM files and nothing more: elements,
// attributes, text with the five predefined entities and character references, CDATA, comments,
// processing instructions, the XML declaration, a DOCTYPE without an internal subset, and namespaces
// resolved by prefix. Every problem is an XmlError with the byte offset where it was found.

export interface XmlElement {
  /** The name as written, e.g. `xenc:CipherValue`. */
  name: string;
  prefix: string | null;
  /** The name without its prefix, e.g. `CipherValue`. */
  local: string;
  /** The namespace URI its prefix (or the default namespace) is bound to; null for none. */
  namespace: string | null;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
  /** Byte offset of its `<`. */
  offset: number;
}

const MAX_DEPTH = 256;
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const LT = 0x3c;
const AMP = 0x26;

interface Open {
  element: XmlElement;
  scope: Map<string, string>;
}

/** Parses a whole document into its root element; `document` names it in errors ("The KEM file"). */
export function parseXml(bytes: Buffer, document: string): XmlElement {
  return new Reader(bytes, document).document();
}

class Reader {
  private at = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly doc: string,
  ) {}

  document(): XmlElement {
    const invalid = firstInvalidUtf8(this.bytes);
    if (invalid !== -1) this.fail('a byte that is not UTF-8 text', invalid);
    if (this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf) this.at = 3;
    if (this.startsWith('<?xml') && /[\s?]/.test(String.fromCharCode(this.bytes[this.at + 5] ?? 0)))
      this.skipPast(5, '?>', 'the XML declaration is not closed with ?>');
    this.misc(true);
    if (this.at >= this.bytes.length) this.fail('no root element', this.at);
    if (this.bytes[this.at] !== LT) this.fail('text before the root element', this.at);
    const root = this.elements();
    this.misc(false);
    if (this.at < this.bytes.length)
      this.fail(`content after the root element <${root.name}> ended`, this.at);
    return root;
  }

  /** Whitespace, comments and processing instructions around the root (and a DOCTYPE before it). */
  private misc(beforeRoot: boolean): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<!--')) this.skipPast(4, '-->', 'a comment is not closed with -->');
      else if (this.startsWith('<?'))
        this.skipPast(2, '?>', 'a processing instruction is not closed with ?>');
      else if (beforeRoot && this.startsWith('<!DOCTYPE')) this.doctype();
      else return;
    }
  }

  private doctype(): void {
    const start = this.at;
    let quote = 0;
    for (; this.at < this.bytes.length; this.at++) {
      const byte = this.bytes[this.at]!;
      if (quote) {
        if (byte === quote) quote = 0;
      } else if (byte === 0x22 || byte === 0x27) quote = byte;
      else if (byte === 0x5b)
        this.fail('a DOCTYPE with declarations of its own (not used by KEM files)', this.at);
      else if (byte === 0x3e) {
        this.at++;
        return;
      }
    }
    this.fail('the DOCTYPE is not closed with >', start);
  }

  /** The root element and everything in it, read without recursion (deep nesting cannot overflow). */
  private elements(): XmlElement {
    const stack: Open[] = [];
    let root: XmlElement | null = null;
    const scopeOf = () => stack.at(-1)?.scope ?? new Map([['xml', XML_NAMESPACE]]);
    do {
      if (this.at >= this.bytes.length) {
        const open = stack.at(-1)!.element;
        this.fail(
          `the document ends inside <${open.name}> (opened at byte ${open.offset}): it is truncated`,
          this.at,
        );
      }
      if (stack.length === 0 && !isOpeningTag(this.bytes, this.at))
        this.fail('the root element was expected', this.at);
      if (this.bytes[this.at] !== LT) {
        this.text(stack.at(-1)!.element);
      } else if (this.startsWith('</')) {
        const open = stack.pop()!;
        this.closingTag(open.element);
      } else if (this.startsWith('<!--')) {
        this.skipPast(4, '-->', 'a comment is not closed with -->');
      } else if (this.startsWith('<![CDATA[')) {
        const start = this.at + 9;
        this.skipPast(9, ']]>', 'a CDATA section is not closed with ]]>');
        appendText(stack.at(-1)!.element, this.bytes.toString('utf8', start, this.at - 3));
      } else if (this.startsWith('<?')) {
        this.skipPast(2, '?>', 'a processing instruction is not closed with ?>');
      } else {
        const { element, scope, empty } = this.openingTag(scopeOf());
        const parent = stack.at(-1)?.element;
        if (parent) parent.children.push(element);
        else root = element;
        if (!empty) stack.push({ element, scope });
        if (stack.length > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`, element.offset);
      }
    } while (stack.length > 0);
    return root!;
  }

  private openingTag(outer: Map<string, string>): {
    element: XmlElement;
    scope: Map<string, string>;
    empty: boolean;
  } {
    const offset = this.at++;
    const name = this.name('an element name after <');
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = this.skipSpace();
      if (this.at >= this.bytes.length)
        this.fail(`the document ends inside the tag <${name}>: it is truncated`, this.at);
      if (this.startsWith('/>') || this.startsWith('>')) break;
      if (!spaced) this.fail(`no space before an attribute of <${name}>`, this.at);
      const attributeAt = this.at;
      const attribute = this.name(`an attribute name or > in <${name}>`);
      this.skipSpace();
      if (this.bytes[this.at] !== 0x3d)
        this.fail(`the attribute ${attribute} of <${name}> has no = and value`, this.at);
      this.at++;
      this.skipSpace();
      if (attribute in attributes)
        this.fail(`the attribute ${attribute} appears twice in <${name}>`, attributeAt);
      attributes[attribute] = this.attributeValue(name, attribute);
    }
    const empty = this.startsWith('/>');
    this.at += empty ? 2 : 1;
    const scope = withDeclarations(outer, attributes);
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? null : name.slice(0, colon);
    const namespace = scope.get(prefix ?? '') ?? null;
    if (prefix !== null && namespace === null)
      this.fail(`the prefix "${prefix}" of <${name}> is not declared`, offset);
    const local = colon === -1 ? name : name.slice(colon + 1);
    return { element: { name, prefix, local, namespace, attributes, children: [], offset }, scope, empty };
  }

  private attributeValue(element: string, attribute: string): string {
    const quote = this.bytes[this.at];
    if (quote !== 0x22 && quote !== 0x27)
      this.fail(`the value of ${attribute} in <${element}> is not quoted`, this.at);
    const start = ++this.at;
    const end = this.bytes.indexOf(quote, start);
    if (end === -1) this.fail(`the value of ${attribute} in <${element}> is not closed`, start - 1);
    const lt = this.bytes.indexOf(LT, start);
    if (lt !== -1 && lt < end) this.fail(`a < inside the value of ${attribute} in <${element}>`, lt);
    const value = this.characters(start, end).replace(/[\t\n\r]/g, ' ');
    this.at = end + 1;
    return value;
  }

  private closingTag(open: XmlElement): void {
    const offset = this.at;
    this.at += 2;
    const name = this.name('an element name after </');
    this.skipSpace();
    if (this.bytes[this.at] !== 0x3e) this.fail(`the closing tag </${name}> is not closed with >`, this.at);
    if (name !== open.name)
      this.fail(
        `the closing tag </${name}> does not match <${open.name}> opened at byte ${open.offset}`,
        offset,
      );
    this.at++;
  }

  private text(parent: XmlElement): void {
    const start = this.at;
    let end = this.bytes.indexOf(LT, start);
    if (end === -1) end = this.bytes.length;
    appendText(parent, this.characters(start, end));
    this.at = end;
  }

  /** The text of bytes start..end with its references resolved; refuses characters XML forbids. */
  private characters(start: number, end: number): string {
    let text = '';
    let from = start;
    for (let i = start; i < end; i++) {
      const byte = this.bytes[i]!;
      if (byte < 0x20 && !isXmlChar(byte)) this.fail(`a control character (${codePointName(byte)})`, i);
      if (byte !== AMP) continue;
      const semicolon = this.bytes.subarray(i, Math.min(end, i + 32)).indexOf(0x3b);
      if (semicolon === -1) this.fail('an & that starts no entity or character reference', i);
      const resolved = resolveReference(this.bytes.toString('utf8', i + 1, i + semicolon));
      if (!resolved.ok) this.fail(resolved.problem, i);
      text += this.bytes.toString('utf8', from, i) + resolved.text;
      from = i + semicolon + 1;
      i = from - 1;
    }
    return text + this.bytes.toString('utf8', from, end);
  }

  private name(expected: string): string {
    const start = this.at;
    const first = this.bytes[start];
    if (first === undefined || !isNameByte(first, true)) this.fail(`${expected} was expected`, start);
    while (this.at < this.bytes.length && isNameByte(this.bytes[this.at]!, false)) this.at++;
    return this.bytes.toString('utf8', start, this.at);
  }

  private skipSpace(): boolean {
    const start = this.at;
    while (this.at < this.bytes.length && isSpace(this.bytes[this.at]!)) this.at++;
    return this.at > start;
  }

  /** Moves past `end`, searched for after the `opening` bytes of the construct at the cursor. */
  private skipPast(opening: number, end: string, problem: string): void {
    const found = this.bytes.indexOf(end, this.at + opening, 'latin1');
    if (found === -1) this.fail(problem, this.at);
    this.at = found + end.length;
  }

  private startsWith(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.bytes[this.at + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private fail(problem: string, offset: number): never {
    throw new XmlError(this.doc, problem, offset);
  }
}

/** `<` followed by a name: a start tag (not `</`, `<!` or `<?`). */
const isOpeningTag = (bytes: Buffer, at: number) => bytes[at] === LT && isNameByte(bytes[at + 1] ?? 0, true);

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** ASCII name characters of XML 1.0 §2.3, plus every non-ASCII byte (names in other scripts). */
function isNameByte(byte: number, first: boolean): boolean {
  if ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte === 0x3a)
    return true;
  if (byte >= 0x80) return true;
  return !first && ((byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2e);
}

/** The namespace bindings in force inside an element: the outer ones plus its own xmlns attributes. */
function withDeclarations(
  outer: Map<string, string>,
  attributes: Record<string, string>,
): Map<string, string> {
  const declared = Object.keys(attributes).filter((a) => a === 'xmlns' || a.startsWith('xmlns:'));
  if (declared.length === 0) return outer;
  const scope = new Map(outer);
  for (const a of declared) scope.set(a === 'xmlns' ? '' : a.slice(6), attributes[a]!);
  return scope;
}

function appendText(parent: XmlElement, text: string): void {
  if (text === '') return;
  const last = parent.children.length - 1;
  if (typeof parent.children[last] === 'string') parent.children[last] += text;
  else parent.children.push(text);
}

/** The element's child elements, optionally only those with this local name. */
export function childElements(element: XmlElement, local?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement =>
      typeof child !== 'string' && (local === undefined || child.local === local),
  );
}

/** The first element with this local name, the element itself included, depth first. */
export function findElement(element: XmlElement, local: string): XmlElement | null {
  const pending: XmlElement[] = [element];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.local === local) return next;
    pending.push(...childElements(next).reverse());
  }
  return null;
}

/** All text inside the element, its descendants' included, in document order. */
export function textContent(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textContent(child))).join('');
}
