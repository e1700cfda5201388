import { expect, test } from './fixtures';

test('the UI’s hashed assets are compressed (Brotli from the build, else gzip) and cached for a year', async ({ request }) => {
  const index = await (await request.get('/', { headers: { Accept: 'text/html' } })).text();
  const script = /<script[^>]+src="(\/assets\/index-[^"]+\.js)"/.exec(index)?.[1];
  const style = /<link[^>]+href="(\/assets\/index-[^"]+\.css)"/.exec(index)?.[1];
  expect(script, index).toBeTruthy();
  expect(style, index).toBeTruthy();
  for (const path of [script!, style!]) {
    const compressed = await request.get(path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(compressed.status()).toBe(200);
    expect(compressed.headers()['content-encoding'], path).toBe('gzip');
    expect(compressed.headers()['cache-control'], path).toMatch(/max-age=31536000/);
    expect(compressed.headers()['cache-control'], path).toMatch(/public/);
    expect(compressed.headers()['cache-control'], path).toMatch(/immutable/);
    const plain = await request.get(path, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers()['content-encoding'], path).toBeUndefined();
    expect(await compressed.body()).toEqual(await plain.body());
    // Browsers that take Brotli get the build's .br copy (the client decompresses it to the same file).
    const brotli = await request.get(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(brotli.headers()['content-encoding'], path).toBe('br');
    expect(brotli.headers()['vary'], path).toMatch(/Accept-Encoding/);
    expect(brotli.headers()['cache-control'], path).toMatch(/immutable/);
    expect(await brotli.body()).toEqual(await plain.body());
  }
});
