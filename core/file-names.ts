/**
 * "190-ttg.signed.pdf", "2179_qd.pdf": the serial a document's file name starts with. Portals and
 * archives name scans after their number, so it is a witness when the scan's own is unreadable.
 */
export function fileNameSerial(fileName: string | undefined): string | null {
  const m = /^(\d{1,5})(?=[-_. ])/.exec(fileName ?? '');
  return m ? m[1]!.replace(/^0+(?=\d)/, '') : null;
}
