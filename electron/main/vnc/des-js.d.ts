/** The part of des.js (indutny) that VNC authentication uses: DES in ECB mode, no padding. */
declare module 'des.js' {
  interface Cipher {
    update(data: ArrayLike<number>): number[];
    final(): number[];
  }
  const desjs: {
    readonly DES: { create(options: { type: 'encrypt' | 'decrypt'; key: ArrayLike<number>; padding?: boolean }): Cipher };
  };
  export default desjs;
}
