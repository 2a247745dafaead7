/**
 * Writes public/sounds/chime.wav, the optional notification sound: two soft sine tones,
 * 0.35 s, 16-bit mono. Run after changing it: `npx tsx scripts/render-sound.ts`.
 */
import { writeFile } from 'node:fs/promises';

const RATE = 22_050;
const DURATION = 0.35;
const samples = Math.floor(RATE * DURATION);
const data = Buffer.alloc(samples * 2);
for (let i = 0; i < samples; i += 1) {
  const t = i / RATE;
  const tone = t < 0.12 ? 880 : 1318.5; // A5, then E6
  const local = t < 0.12 ? t : t - 0.12;
  const envelope = Math.exp(-local * 14) * Math.min(1, local * 400);
  data.writeInt16LE(Math.round(Math.sin(2 * Math.PI * tone * t) * envelope * 0.4 * 32767), i * 2);
}
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVE', 8);
header.write('fmt ', 12);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28);
header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36);
header.writeUInt32LE(data.length, 40);
await writeFile(
  new URL('../public/sounds/chime.wav', import.meta.url),
  Buffer.concat([header, data]),
);
console.log('public/sounds/chime.wav');
