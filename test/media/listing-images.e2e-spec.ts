import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ADVANCE, codeOf, serverNow } from '../support/booking.js';
import { activePartnerAgency, agencyMember, publishedListing, type Agency } from '../support/catalog.js';
import { ATTACH, IMAGES, REMOVE, REORDER, addImage, getFromServer, pngWithExif, putToServer, requestUpload, waitUntil } from '../support/media.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

describe('Listing images (local storage)', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let small: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    small = await pngWithExif('small', 64, 48);
  });
  afterAll(() => t.close());

  const listingOf = (title = '어르신 방문 돌봄') => publishedListing(t, agency, { title });

  it('a PNG with EXIF is stored upright without its metadata, with WebP variants, served with a year-long cache', async () => {
    const original = await pngWithExif('GPS 37.5665N 126.9780E Park Hana phone');
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes('Park Hana')).toBe(true);
    const listingId = await listingOf();

    const image = await addImage(t, agency.owner.token, listingId, original, '요양보호사가 어르신과 산책하는 모습');
    expect(image).toMatchObject({ alt: '요양보호사가 어르신과 산책하는 모습', width: 800, height: 600 });
    expect(image.variants.map((v: { width: number }) => v.width)).toEqual([320, 640, 800]);

    const full = await getFromServer(t, image.url);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/png');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stored = full.body as Buffer;
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes('GPS 37.5665N')).toBe(false);
    expect(stored.includes('Park Hana')).toBe(false);

    for (const variant of image.variants as Array<{ width: number; url: string }>) {
      const res = await getFromServer(t, variant.url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(res.body as Buffer).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: variant.width, height: Math.round((variant.width * 600) / 800) });
      expect(meta.exif).toBeUndefined();
    }

    const anonymous = await t.ok(IMAGES, { id: listingId });
    expect(anonymous.listing.images).toEqual([image]);
  });

  it('a text file renamed .png is refused by its content, and nothing is added', async () => {
    const listingId = await listingOf();
    const text = Buffer.from('PNG? 아니요, 그냥 텍스트 파일입니다.\n'.repeat(20));
    const ticket = await requestUpload(t, agency.owner.token, listingId, text, 'image/png');
    expect((await putToServer(t, ticket.url, text, 'image/png')).status).toBe(200);
    const res = await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '사진' } }, agency.owner.token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions.fields).toEqual([{ field: 'input.uploadId', message: 'is not a JPEG, PNG or WebP image' }]);
    expect((await t.ok(IMAGES, { id: listingId })).listing.images).toEqual([]);
  });

  it('refuses types, sizes and blank alt text it does not take, and an attach before the upload', async () => {
    const listingId = await listingOf();
    const ask = (contentType: string, byteSize: number) =>
      t.gql(
        `mutation($input: RequestListingImageUploadInput!) { requestListingImageUpload(input: $input) { uploadId } }`,
        { input: { listingId, contentType, byteSize } },
        agency.owner.token,
      );
    expect((await ask('image/gif', 1000)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.contentType' }] });
    expect((await ask('image/png', 10 * 1024 * 1024 + 1)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.byteSize' }],
    });
    expect(codeOf(await ask('image/png', 10 * 1024 * 1024))).toBeUndefined();

    const ticket = await requestUpload(t, agency.owner.token, listingId, small);
    expect(codeOf(await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '사진' } }, agency.owner.token))).toBe('INVALID_STATE');
    await putToServer(t, ticket.url, small, 'image/png');
    const blank = await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '   ' } }, agency.owner.token);
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.altText' }] });
  });

  it('the upload URL takes only the announced type and size, and only with its own signature', async () => {
    const listingId = await listingOf();
    const ticket = await requestUpload(t, agency.owner.token, listingId, small);
    expect(ticket.method).toBe('PUT');
    expect(ticket.headers).toEqual([{ name: 'content-type', value: 'image/png' }]);
    const bigger = Buffer.concat([small, Buffer.alloc(10)]);
    expect((await putToServer(t, ticket.url, bigger, 'image/png')).status).toBe(413);
    expect((await putToServer(t, ticket.url, small, 'image/jpeg')).status).toBe(400);
    const forged = ticket.url.replace(/\.[^.]+$/, '.AAAA');
    expect((await putToServer(t, forged, small, 'image/png')).status).toBe(403);
    expect(codeOf(await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '사진' } }, agency.owner.token))).toBe('INVALID_STATE');
    expect((await putToServer(t, ticket.url, small, 'image/png')).status).toBe(200);
  });

  it('an 11th image is refused, also when twelve attaches race for the last places', async () => {
    const listingId = await listingOf();
    const tickets = [];
    for (let i = 0; i < 12; i++) tickets.push(await requestUpload(t, agency.owner.token, listingId, small));
    for (const ticket of tickets) expect((await putToServer(t, ticket.url, small, 'image/png')).status).toBe(200);

    const results = await Promise.all(
      tickets.map((ticket, i) => t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: `사진 ${i}` } }, agency.owner.token)),
    );
    expect(results.filter((res) => !res.errors).length).toBe(10);
    expect(results.filter((res) => codeOf(res) === 'LIMIT_EXCEEDED').length).toBe(2);
    expect((await t.ok(IMAGES, { id: listingId })).listing.images).toHaveLength(10);

    const eleventh = await t.gql(
      `mutation($input: RequestListingImageUploadInput!) { requestListingImageUpload(input: $input) { uploadId } }`,
      {
        input: { listingId, contentType: 'image/png', byteSize: small.length },
      },
      agency.owner.token,
    );
    expect(codeOf(eleventh)).toBe('LIMIT_EXCEEDED');
  });

  it('reorders and removes images; a partial or foreign order is refused', async () => {
    const listingId = await listingOf();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await addImage(t, agency.owner.token, listingId, small, `사진 ${i}`)).id);
    const reversed = [...ids].reverse();
    expect((await t.ok(REORDER, { listingId, imageIds: reversed }, agency.owner.token)).reorderListingImages.images.map((i: { id: string }) => i.id)).toEqual(
      reversed,
    );
    for (const imageIds of [ids.slice(1), [...ids, ids[0]], [ids[0], ids[1], ids[1]]]) {
      const res = await t.gql(REORDER, { listingId, imageIds }, agency.owner.token);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'imageIds' }] });
    }

    const removed = await t.ok(REMOVE, { id: reversed[0] }, agency.owner.token);
    expect(removed.removeListingImage.images.map((i: { id: string }) => i.id)).toEqual(reversed.slice(1));
    const files = join(t.config.dataDir, 'media', 'listings', listingId, reversed[0]);
    expect(existsSync(files)).toBe(true);
    await waitUntil(() => !existsSync(join(files, 'full.png')));
    // The positions closed up: a new image goes last, and the order still holds.
    const added = await addImage(t, agency.owner.token, listingId, small);
    expect((await t.ok(IMAGES, { id: listingId })).listing.images.map((i: { id: string }) => i.id)).toEqual([...reversed.slice(1), added.id]);
  });

  it('only the OWNER or MANAGER of the agency changes images', async () => {
    const listingId = await listingOf();
    const manager = await agencyMember(t, agency, 'MANAGER');
    const staff = await agencyMember(t, agency, 'STAFF');
    const outsider = await signUp(t, '외부인');
    await addImage(t, manager.token, listingId, small);
    const ask = (token: string) =>
      t.gql(
        `mutation($input: RequestListingImageUploadInput!) { requestListingImageUpload(input: $input) { uploadId } }`,
        {
          input: { listingId, contentType: 'image/png', byteSize: 100 },
        },
        token,
      );
    expect(codeOf(await ask(staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await ask(outsider.token))).toBe('NOT_FOUND');
    expect(codeOf(await ask(operator))).toBe('FORBIDDEN');
    const ticket = await requestUpload(t, agency.owner.token, listingId, small);
    await putToServer(t, ticket.url, small, 'image/png');
    expect(codeOf(await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '사진' } }, outsider.token))).toBe('NOT_FOUND');
  });

  it('Listing.images takes the same number of statements for 2 listings as for 6', async () => {
    for (let i = 0; i < 6; i++) await addImage(t, agency.owner.token, await listingOf(`이미지 목록 ${i}`), small);
    const QUERY = `query($first: Int!) { listings(first: $first, filter: { search: "이미지 목록" }) { nodes { id images { id url variants { width url } } } } }`;
    const statements = async (first: number) => {
      t.queries.count = 0;
      const data = await t.ok(QUERY, { first });
      expect(data.listings.nodes).toHaveLength(first);
      expect(data.listings.nodes.every((node: { images: unknown[] }) => node.images.length === 1)).toBe(true);
      return t.queries.count;
    };
    expect(await statements(6)).toBe(await statements(2));
  });

  it('an upload never attached is deleted with its file a day later', async () => {
    const listingId = await listingOf();
    const ticket = await requestUpload(t, agency.owner.token, listingId, small);
    await putToServer(t, ticket.url, small, 'image/png');
    const file = join(t.config.dataDir, 'media', 'uploads', ticket.uploadId);
    expect(existsSync(file)).toBe(true);
    await t.ok(ADVANCE, { to: new Date(serverNow(t).getTime() + 25 * 3600_000).toISOString() }, operator);
    expect(existsSync(file)).toBe(false);
    expect(codeOf(await t.gql(ATTACH, { input: { uploadId: ticket.uploadId, altText: '사진' } }, agency.owner.token))).toBe('NOT_FOUND');
  });
});
