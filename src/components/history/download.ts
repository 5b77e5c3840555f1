// Saves text or a data URL as a file through a temporary <a download> (no server, nothing leaves the page).

/** Start a download of `href` under `fileName`. The link is removed right after the click. */
function clickDownload(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Download `text` as a CSV file (UTF-8 with a byte-order mark so spreadsheets read accents correctly). */
export function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  clickDownload(url, fileName);
  // Revoke later: the browser reads the blob after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Download a `data:image/png;base64,…` URL as `fileName`. */
export function downloadDataUrl(dataUrl: string, fileName: string): void {
  clickDownload(dataUrl, fileName);
}
