import { createHash, createPublicKey } from 'node:crypto';
import { generate } from 'selfsigned';

export interface Certificate {
  cert: string;
  key: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo (for --ignore-certificate-errors-spki-list). */
  spki: string;
}

export const CERT_DNS_NAMES = [
  '*.twitch.tv',
  'twitch.tv',
  '*.wss.twitch.tv',
  '*.jtvnw.net',
  'localhost',
];
export const CERT_IPS = ['127.0.0.1'];

export function spkiHash(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** A fresh self-signed certificate (EC P-256: quick to make) for Twitch's hostnames. */
export async function makeCertificate(): Promise<Certificate> {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'twitch.tv' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...CERT_DNS_NAMES.map((value) => ({ type: 2 as const, value })),
          ...CERT_IPS.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private, spki: spkiHash(pems.cert) };
}
