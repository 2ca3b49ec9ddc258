/**
 * VNC authentication's answer to the server's challenge (RFB 3.8, section 7.2.2): the
 * 16 bytes encrypted with DES, keyed by the password's first 8 bytes (zero-padded) with
 * each byte's bits in reverse order, as every VNC server expects. Node's OpenSSL 3 has
 * DES only in its legacy provider, so des.js does the cipher.
 */
import desjs from 'des.js';

export const VNC_CHALLENGE_BYTES = 16;

function reversedBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit += 1) if ((byte & (1 << bit)) !== 0) out |= 1 << (7 - bit);
  return out;
}

export function vncResponse(challenge: Buffer, password: string): Buffer {
  if (challenge.length !== VNC_CHALLENGE_BYTES) throw new Error(`a VNC challenge is ${VNC_CHALLENGE_BYTES} bytes, not ${challenge.length}`);
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  const cipher = desjs.DES.create({ type: 'encrypt', key: [...key].map(reversedBits), padding: false });
  key.fill(0);
  return Buffer.from([...cipher.update(challenge), ...cipher.final()]);
}
