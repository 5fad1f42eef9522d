// URLs as they may appear in messages: credentials and query values could be secrets.

export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@\s]*@/, '//***@').replace(/\?.*$/, '?***');
  }
  if (url.username || url.password) {
    url.username = '***';
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
  return url.toString().replaceAll('%2A', '*');
}
