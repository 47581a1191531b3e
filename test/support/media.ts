import request from 'supertest';
import sharp from 'sharp';
import type { TestApp } from './test-app.js';

export const REQUEST_UPLOAD = `mutation($input: RequestListingImageUploadInput!) {
  requestListingImageUpload(input: $input) { uploadId url method headers { name value } expiresAt }
}`;
export const ATTACH = `mutation($input: AttachListingImageInput!) { attachListingImage(input: $input) { id url alt width height variants { width url } } }`;
export const IMAGES = `query($id: ID!) { listing(id: $id) { images { id url alt width height variants { width url } } } }`;
export const REMOVE = `mutation($id: ID!) { removeListingImage(imageId: $id) { id images { id } } }`;
export const REORDER = `mutation($listingId: ID!, $imageIds: [ID!]!) { reorderListingImages(listingId: $listingId, imageIds: $imageIds) { id images { id } } }`;

export interface UploadTicket {
  uploadId: string;
  url: string;
  method: string;
  headers: Array<{ name: string; value: string }>;
}

/** A PNG of `width` × `height` carrying EXIF with `secret` in it (a camera's owner, say). */
export function pngWithExif(secret: string, width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 160, b: 120 } } })
    .png()
    .withExif({ IFD0: { Copyright: secret, ImageDescription: secret } })
    .toBuffer();
}

export async function requestUpload(t: TestApp, token: string, listingId: string, bytes: Buffer, contentType = 'image/png'): Promise<UploadTicket> {
  const data = await t.ok(REQUEST_UPLOAD, { input: { listingId, contentType, byteSize: bytes.length } }, token);
  return data.requestListingImageUpload;
}

/** PUTs to the local driver's upload URL on the test server (the URL's path; its origin is the configured public one). */
export function putToServer(t: TestApp, url: string, bytes: Buffer, contentType: string) {
  return request(t.app.getHttpServer()).put(new URL(url).pathname).set('content-type', contentType).send(bytes);
}

/** GETs a local-driver image URL from the test server. */
export function getFromServer(t: TestApp, url: string) {
  return request(t.app.getHttpServer())
    .get(new URL(url).pathname)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** Requested, uploaded to the test server and attached with `alt`; returns the image. */
export async function addImage(t: TestApp, token: string, listingId: string, bytes: Buffer, alt = '작업 중인 모습') {
  const ticket = await requestUpload(t, token, listingId, bytes);
  expect((await putToServer(t, ticket.url, bytes, 'image/png')).status).toBe(200);
  return (await t.ok(ATTACH, { input: { uploadId: ticket.uploadId, altText: alt } }, token)).attachListingImage;
}

/** Waits (up to a second) for work done after a commit, such as deleting files. */
export async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}
