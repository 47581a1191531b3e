import { RequestContext } from '../../libs/common/src/index.js';
import { CertificationService } from '../../libs/membership/src/index.js';
import { newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const SUBMIT = `mutation($input: SubmitCertificationInput!) {
  submitCertification(input: $input) { id kind certificateNumber issuedOn validUntil status reviewNote submittedAt reviewedAt organization { id } }
}`;
const REVIEW = `mutation($input: ReviewInput!) { reviewCertification(input: $input) { id status reviewNote reviewedAt } }`;
const CERTIFICATIONS = `query($id: ID!) { organization(id: $id) { certifications { id status certificateNumber } } }`;
const PENDING = `query($first: Int) { pendingCertifications(first: $first) { id organization { id } } }`;

describe('membership: social-economy certifications (docs/RULES.md §23, §25)', () => {
  let t: TestApp;
  let operator: string;
  let org: Awaited<ReturnType<typeof newOrganization>>;
  const input = (overrides: Record<string, unknown> = {}) => ({
    organizationId: org.organizationId,
    kind: 'SOCIAL_ENTERPRISE',
    certificateNumber: '제2024-123호',
    issuedOn: '2024-03-01',
    validUntil: null,
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    org = await newOrganization(t);
  });
  afterAll(() => t.close());

  it('an OWNER or MANAGER submits; STAFF is FORBIDDEN, outsiders NOT_FOUND', async () => {
    const manager = await signUp(t);
    const staff = await signUp(t);
    await addMember(t, org.organizationId, org.owner.token, manager, 'MANAGER');
    await addMember(t, org.organizationId, org.owner.token, staff, 'STAFF');
    const submitted = await t.ok(SUBMIT, { input: input() }, manager.token);
    expect(submitted.submitCertification).toMatchObject({
      kind: 'SOCIAL_ENTERPRISE',
      certificateNumber: '제2024-123호',
      issuedOn: '2024-03-01',
      validUntil: null,
      status: 'PENDING',
      reviewNote: null,
      reviewedAt: null,
      organization: { id: org.organizationId },
    });
    expect((await t.gql(SUBMIT, { input: input() }, staff.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(SUBMIT, { input: input() }, (await signUp(t)).token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it.each([
    [{ kind: 'PUBLIC_INSTITUTION' }, 'input.kind'],
    [{ kind: 'COMPANY' }, 'input.kind'],
    [{ certificateNumber: '1'.repeat(41) }, 'input.certificateNumber'],
    [{ issuedOn: '2999-01-01' }, 'input.issuedOn'],
    [{ validUntil: '2024-02-29' }, 'input.validUntil'],
  ])('refuses %j as BAD_USER_INPUT on %s', async (overrides, field) => {
    const { errors } = await t.gql(SUBMIT, { input: input(overrides) }, org.owner.token);
    expect(errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0].extensions.fields?.map((f) => f.field)).toContain(field);
  });

  it('operators review: APPROVE → VERIFIED, REJECT needs a note, REQUEST_CHANGES is refused, a decided one cannot be reviewed again', async () => {
    const approved = (await t.ok(SUBMIT, { input: input({ kind: 'PRE_SOCIAL_ENTERPRISE', certificateNumber: 'P-1' }) }, org.owner.token)).submitCertification;
    const rejected = (await t.ok(SUBMIT, { input: input({ certificateNumber: 'R-1' }) }, org.owner.token)).submitCertification;
    const queue = (await t.ok(PENDING, { first: 100 }, operator)).pendingCertifications.map((c: { id: string }) => c.id);
    expect(queue).toEqual(expect.arrayContaining([approved.id, rejected.id]));

    const changes = await t.gql(REVIEW, { input: { id: approved.id, decision: 'REQUEST_CHANGES', note: 'scan is blurry' } }, operator);
    expect(changes.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const noNote = await t.gql(REVIEW, { input: { id: rejected.id, decision: 'REJECT' } }, operator);
    expect(noNote.errors?.[0].extensions.fields).toEqual([{ field: 'input.note', message: expect.any(String) }]);

    const verified = (await t.ok(REVIEW, { input: { id: approved.id, decision: 'APPROVE' } }, operator)).reviewCertification;
    expect(verified).toMatchObject({ status: 'VERIFIED', reviewNote: null, reviewedAt: expect.any(String) });
    const refused = (await t.ok(REVIEW, { input: { id: rejected.id, decision: 'REJECT', note: '번호가 공시와 다릅니다' } }, operator)).reviewCertification;
    expect(refused).toMatchObject({ status: 'REJECTED', reviewNote: '번호가 공시와 다릅니다' });

    const again = await t.gql(REVIEW, { input: { id: approved.id, decision: 'REJECT', note: 'again' } }, operator);
    expect(again.errors?.[0].extensions.code).toBe('INVALID_STATE');
    const queueAfter = (await t.ok(PENDING, { first: 100 }, operator)).pendingCertifications.map((c: { id: string }) => c.id);
    expect(queueAfter).not.toContain(approved.id);
    expect(queueAfter).not.toContain(rejected.id);
  });

  it('VERIFIED ones are public; pending and rejected ones only for members and operators', async () => {
    const other = await newOrganization(t, '햇빛 사회적협동조합');
    const pending = (await t.ok(SUBMIT, { input: input({ organizationId: other.organizationId, certificateNumber: 'PEND' }) }, other.owner.token))
      .submitCertification;
    const verified = (await t.ok(SUBMIT, { input: input({ organizationId: other.organizationId, certificateNumber: 'OK' }) }, other.owner.token))
      .submitCertification;
    await t.ok(REVIEW, { input: { id: verified.id, decision: 'APPROVE' } }, operator);
    const ids = async (token?: string) =>
      (await t.ok(CERTIFICATIONS, { id: other.organizationId }, token)).organization.certifications.map((c: { id: string }) => c.id).sort();
    expect(await ids()).toEqual([verified.id]);
    expect(await ids((await signUp(t)).token)).toEqual([verified.id]);
    expect(await ids(other.owner.token)).toEqual([pending.id, verified.id].sort());
    expect(await ids(operator)).toEqual([pending.id, verified.id].sort());
  });

  it('one is valid on day d when VERIFIED and issuedOn ≤ d ≤ validUntil; the most recently issued wins', async () => {
    const holder = await newOrganization(t, '마을 자활기업');
    const submitAndReview = async (overrides: Record<string, unknown>, decision: 'APPROVE' | 'REJECT' | null) => {
      const { id } = (await t.ok(SUBMIT, { input: input({ organizationId: holder.organizationId, ...overrides }) }, holder.owner.token)).submitCertification;
      if (decision) await t.ok(REVIEW, { input: { id, decision, note: 'checked' } }, operator);
      return id as string;
    };
    const preliminary = await submitAndReview({ kind: 'PRE_SOCIAL_ENTERPRISE', issuedOn: '2023-01-01', validUntil: '2025-12-31' }, 'APPROVE');
    const certified = await submitAndReview({ kind: 'SOCIAL_ENTERPRISE', issuedOn: '2025-06-01', validUntil: null }, 'APPROVE');
    await submitAndReview({ kind: 'COOPERATIVE', issuedOn: '2025-09-01' }, null);
    await submitAndReview({ kind: 'VILLAGE_ENTERPRISE', issuedOn: '2025-10-01' }, 'REJECT');
    const certifications = t.app.get(CertificationService);
    const holds = async (day: string) =>
      (await certifications.validOn(RequestContext.system(), [holder.organizationId, org.organizationId], day)).get(holder.organizationId)?.id ?? null;
    expect(await holds('2022-12-31')).toBeNull();
    expect(await holds('2023-01-01')).toBe(preliminary);
    expect(await holds('2025-05-31')).toBe(preliminary);
    expect(await holds('2025-06-01')).toBe(certified);
    expect(await holds('2025-12-01')).toBe(certified);
    expect(await holds('2030-01-01')).toBe(certified);
  });
});
