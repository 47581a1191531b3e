import { Button, Fieldset, Group, Input, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, putFile, session } from '../api';
import { useFieldProblems } from '../field-problems';
import {
  AttachListingImageDocument,
  RemoveListingImageDocument,
  ReorderListingImagesDocument,
  RequestListingImageUploadDocument,
  type ListingPictureFragment,
} from '../generated/graphql';
import { useApiMutation, useApiSteps } from '../hooks';
import { Confirmation, ErrorMessage } from '../Page';

/** What the server accepts (docs/RULES.md §29), checked here first so a wrong file is never sent. */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_ALT_LENGTH = 300;
const MAX_IMAGES = 10;
const FIELDS = ['file', 'altText'] as const;
type Field = (typeof FIELDS)[number];
/** The server's fields of both steps, on the form's: the file's type, size and content are the file's. */
const FIELD_OF: Record<string, Field> = { contentType: 'file', byteSize: 'file', uploadId: 'file', altText: 'altText' };

function problemsWith(file: File | null, altText: string): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  if (!file) found.file = '올릴 사진 파일을 골라 주세요.';
  else if (!IMAGE_TYPES.includes(file.type)) found.file = 'JPEG, PNG, WebP 파일만 올릴 수 있습니다.';
  else if (file.size > MAX_IMAGE_BYTES) found.file = '10MB 이하의 파일만 올릴 수 있습니다.';
  if (!altText.trim()) found.altText = '사진에 무엇이 보이는지 적어 주세요.';
  else if (altText.trim().length > MAX_ALT_LENGTH) found.altText = `${MAX_ALT_LENGTH}자 이하로 적어 주세요.`;
  return found;
}

/**
 * A listing's pictures (docs/RULES.md §29), saved at once rather than with the editor's form: each as a
 * thumbnail with its alt text, moved or removed; a new one uploaded in the two steps (the file PUT to the
 * URL the server gives, then attached with its alt text). What each action did is read out and focused.
 */
export function ListingImages({ listingId, images }: { listingId: string; images: ListingPictureFragment[] }) {
  const [file, setFile] = useState<File | null>(null);
  const [altText, setAltText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { problems, show, idOf } = useFieldProblems(FIELDS);
  const add = useApiSteps(async ({ picture, alt }: { picture: File; alt: string }) => {
    const { requestListingImageUpload: target } = await session.request(RequestListingImageUploadDocument, {
      input: { listingId, contentType: picture.type, byteSize: picture.size },
    });
    await putFile(target, picture);
    await session.request(AttachListingImageDocument, { input: { uploadId: target.uploadId, altText: alt } });
  });
  const remove = useApiMutation(RemoveListingImageDocument);
  const reorder = useApiMutation(ReorderListingImagesDocument);
  const fileId = idOf('file');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsWith(file, altText);
    show(found);
    if (!file || Object.keys(found).length) return;
    try {
      await add.mutateAsync({ picture: file, alt: altText.trim() });
      setFile(null);
      setAltText('');
      if (fileInput.current) fileInput.current.value = '';
      setDone(`${altText.trim()}: 사진을 추가했습니다.`);
    } catch (error) {
      if (error instanceof ApiError)
        show(Object.fromEntries(error.fields.flatMap(({ field, message }) => (FIELD_OF[field] ? [[FIELD_OF[field], message]] : []))));
    }
  };

  const move = (index: number, by: -1 | 1) => {
    const ids = images.map((image) => image.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    reorder.mutate({ listingId, imageIds: ids }, { onSuccess: () => setDone(`${images[index].alt}: ${index + by + 1}번째로 옮겼습니다.`) });
  };

  const removeImage = (image: ListingPictureFragment) =>
    remove.mutate({ imageId: image.id }, { onSuccess: () => setDone(`${image.alt}: 사진을 삭제했습니다.`) });

  return (
    <Fieldset legend={`사진 (${images.length}/${MAX_IMAGES}장, 첫 사진이 대표)`}>
      <Stack gap="sm">
        {images.length === 0 && <Text size="sm">등록된 사진이 없습니다.</Text>}
        {images.length > 0 && (
          <Stack component="ol" gap="xs" aria-label="등록된 사진" m={0} p={0} style={{ listStyle: 'none' }}>
            {images.map((image, index) => (
              <Group component="li" key={image.id} gap="sm" wrap="nowrap">
                <img
                  src={image.variants[0]?.url ?? image.url}
                  srcSet={image.variants.map((variant) => `${variant.url} ${variant.width}w`).join(', ')}
                  sizes="96px"
                  alt={image.alt}
                  width={96}
                  height={72}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
                <Text size="sm" style={{ flex: 1 }}>
                  {index + 1}. {image.alt}
                </Text>
                <Button size="xs" variant="default" aria-label={`${image.alt} 앞으로`} disabled={index === 0} onClick={() => move(index, -1)}>
                  앞으로
                </Button>
                <Button size="xs" variant="default" aria-label={`${image.alt} 뒤로`} disabled={index === images.length - 1} onClick={() => move(index, 1)}>
                  뒤로
                </Button>
                <Button size="xs" variant="outline" color="red" aria-label={`${image.alt} 삭제`} onClick={() => removeImage(image)}>
                  삭제
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <ErrorMessage error={reorder.error ?? remove.error} />
        <Confirmation title="사진" message={done} />
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <Input.Wrapper id={fileId} label="사진 파일" description="JPEG, PNG, WebP · 10MB 이하" error={problems.file} required>
              <input
                ref={fileInput}
                id={fileId}
                type="file"
                accept={IMAGE_TYPES.join(',')}
                aria-invalid={Boolean(problems.file)}
                aria-describedby={`${fileId}-description${problems.file ? ` ${fileId}-error` : ''}`}
                onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
              />
            </Input.Wrapper>
            <TextInput
              id={idOf('altText')}
              label="대체 텍스트"
              description="사진에 무엇이 보이는지: 화면 낭독기가 읽고, 사진이 안 보일 때 나옵니다."
              required
              value={altText}
              onChange={(event) => setAltText(event.currentTarget.value)}
              error={problems.altText}
            />
            <ErrorMessage error={add.error} />
            <Group justify="flex-end">
              <Button type="submit" variant="default" loading={add.isPending} disabled={images.length >= MAX_IMAGES}>
                사진 추가
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Fieldset>
  );
}
