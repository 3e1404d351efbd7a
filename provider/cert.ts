// The provider's TLS certificate for go-plugin's AutoMTLS: self-signed, for "localhost", usable
// as its own CA (the Go client loads it as its root and as the only trusted client CA), with
// serverAuth and clientAuth, like the one go-plugin makes for itself (mtls.go). Node can make
// keys and signatures but not certificates, so the DER is written here: a few dozen bytes of
// ASN.1 cost well under a millisecond, where an X.509 library costs ~130 ms to load.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface ServerCert {
  certPem: string;
  keyPem: string;
  /** The certificate's DER, for the handshake line. */
  der: Buffer;
}

// ---------- DER ----------

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const explicit = (n: number, ...c: Buffer[]) => tlv(0xa0 | n, ...c);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);

/** A non-negative INTEGER from big-endian bytes, minimally encoded (Go's parser insists). */
function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0 && b[i + 1]! < 0x80) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const enc = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) enc.unshift((v & 0x7f) | 0x80);
    out.push(...enc);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(digits, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

// ---------- the certificate ----------

const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

// digitalSignature(0), keyEncipherment(2), keyAgreement(4), keyCertSign(5): 1010 1100, the
// lowest two bits unused. go-plugin sets the same usages on its own certificate.
const KEY_USAGE = bits(Buffer.from([0xac]), 2);

/** 262980 hours: go-plugin's validity period (about 30 years). */
const VALIDITY_MS = 262980 * 3600_000;

export function makeServerCert(now: Date = new Date()): ServerCert {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = seq(set(seq(oid('2.5.4.10'), utf8('HashiCorp'))), set(seq(oid('2.5.4.3'), utf8('localhost'))));
  // The key identifier is the SHA-1 of the public key bits (RFC 5280 4.2.1.2 method 1); the
  // point is the last 65 bytes of a P-256 SPKI.
  const keyId = createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive and 16 bytes long
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    seq(time(new Date(now.getTime() - 30_000)), time(new Date(now.getTime() + VALIDITY_MS))),
    name,
    spki,
    explicit(
      3,
      seq(
        extension('2.5.29.15', true, KEY_USAGE),
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
        extension('2.5.29.19', true, seq(bool(true))),
        extension('2.5.29.14', false, octets(keyId)),
        extension('2.5.29.17', false, seq(tlv(0x82, Buffer.from('localhost', 'ascii')))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value, as X.509 wants
  const der = seq(tbs, ECDSA_WITH_SHA256, bits(signature));
  return {
    der,
    certPem: pem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
