import sharp from 'sharp';
import { activePartnerAgency, publishedListing, type Agency } from '../support/catalog.js';
import { FakeS3Server } from '../support/fake-s3-server.js';
import { ATTACH, IMAGES, REMOVE, pngWithExif, requestUpload, waitUntil } from '../support/media.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type TestApp } from '../support/test-app.js';

/** The s3 driver against an S3-compatible bucket started here (path style, as MinIO and NCP Object Storage take it). */
describe('Listing images (S3 storage)', () => {
  const s3 = new FakeS3Server('dure-images', 'test-access-key');
  let t: TestApp;
  let agency: Agency;

  beforeAll(async () => {
    await s3.start();
    t = await createTestApp({
      ...OPERATOR_ENV,
      MEDIA_STORAGE: 's3',
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.url,
      S3_REGION: 'kr-standard',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: 'test-secret-access-key',
    });
    agency = await activePartnerAgency(t, await logInOperator(t));
  });
  afterAll(async () => {
    await t.close();
    await s3.stop();
  });

  it('uploads to a presigned URL, stores the stripped picture and its variants in the bucket with a year-long cache, and deletes them on removal', async () => {
    const listingId = await publishedListing(t, agency);
    const original = await pngWithExif('GPS 35.1796N 129.0756E owner phone', 700, 400);
    const ticket = await requestUpload(t, agency.owner.token, listingId, original);
    expect(ticket.url.startsWith(`${s3.url}/dure-images/uploads/${ticket.uploadId}?`)).toBe(true);
    const signed = new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(ticket.headers).toEqual([
      { name: 'content-type', value: 'image/png' },
      { name: 'content-length', value: String(original.length) },
    ]);

    // Without the signed headers the bucket refuses; with them it stores the file.
    expect((await fetch(ticket.url, { method: 'PUT', body: original })).status).toBe(403);
    const headers = Object.fromEntries(ticket.headers.map(({ name, value }) => [name, value]));
    expect((await fetch(ticket.url, { method: 'PUT', headers, body: original })).status).toBe(200);

    const image = (await t.ok(ATTACH, { input: { uploadId: ticket.uploadId, altText: '부산 바닷가 돌봄 모임' } }, agency.owner.token)).attachListingImage;
    expect(image).toMatchObject({ width: 700, height: 400, url: `${s3.url}/dure-images/listings/${listingId}/${image.id}/full.png` });
    expect(image.variants.map((v: { width: number }) => v.width)).toEqual([320, 640, 700]);

    const full = await fetch(image.url);
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(full.headers.get('content-type')).toBe('image/png');
    const stored = Buffer.from(await full.arrayBuffer());
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes('owner phone')).toBe(false);
    for (const variant of image.variants as Array<{ width: number; url: string }>) {
      const res = await fetch(variant.url);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(variant.width);
    }
    // The server's own calls are signed in the Authorization header; the original upload is gone once attached.
    expect(s3.requests.filter((r) => r.method === 'PUT' && r.key.startsWith('listings/')).every((r) => r.auth === 'header')).toBe(true);
    await waitUntil(() => !s3.objects.has(`uploads/${ticket.uploadId}`));
    expect((await t.ok(IMAGES, { id: listingId })).listing.images).toEqual([image]);

    await t.ok(REMOVE, { id: image.id }, agency.owner.token);
    await waitUntil(() => ![...s3.objects.keys()].some((key) => key.includes(image.id)));
  });

  it('a file that never reached the bucket cannot be attached', async () => {
    const listingId = await publishedListing(t, agency);
    const ticket = await requestUpload(t, agency.owner.token, listingId, await pngWithExif('x', 32, 32));
    const res = await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '사진' } }, agency.owner.token);
    expect(res.errors?.[0].extensions.code).toBe('INVALID_STATE');
  });
});
