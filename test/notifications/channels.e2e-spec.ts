import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { JobQueueService, RequestContext } from '../../libs/common/src/index.js';
import { DELIVER_JOB, NotificationKind, SolapiAlimtalkProvider } from '../../libs/notifications/src/index.js';
import { ADVANCE, bookableService, serverNow } from '../support/booking.js';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { FakeSolapiServer } from '../support/fake-solapi-server.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const REQUEST = `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`;

interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

/** A real SMTP server: refuses the next `refuse` messages (451), keeps the rest. */
async function startSmtpServer(): Promise<{ server: SMTPServer; port: number; received: ReceivedMail[]; refuse: { count: number } }> {
  const received: ReceivedMail[] = [];
  const refuse = { count: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        if (refuse.count > 0) {
          refuse.count--;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        received.push({
          messageId: mail.messageId ?? '',
          to: mail.to && !Array.isArray(mail.to) ? mail.to.text : '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received, refuse };
}

describe('notifications: e-mail through a real SMTP server, sent exactly once', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let operator: string;
  let agency: Agency;
  let listingId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    listingId = await bookableService(t, agency, {}, { title: '어르신 방문 목욕' });
    await t.app.get(JobQueueService).runDue();
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  const deliveryOf = async (eventKeyPrefix: string) =>
    (
      await t.app
        .get(DataSource)
        .query(
          `SELECT d.id, d.status, d.last_error AS "lastError" FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.event_key LIKE $1`,
          [`${eventKeyPrefix}%`],
        )
    )[0] as { id: string; status: string; lastError: string | null };

  it('a refused attempt is retried with back-off; racing workers and a repeated job still send one Korean e-mail', async () => {
    const jobs = t.app.get(JobQueueService);
    const buyer = await signUp(t, '김민지');
    smtp.refuse.count = 1;
    await t.ok(REQUEST, { input: { listingId, message: '다음 주 화요일 오전에 가능할까요?' } }, buyer.token);

    // Two workers race for the job: one attempt runs, the server refuses it, the job waits for its retry.
    await Promise.all([jobs.runDue(), jobs.runDue()]);
    expect(smtp.received.filter((mail) => mail.subject.includes('메시지'))).toHaveLength(0);
    expect((await deliveryOf('consultation-message:')).status).toBe('PENDING');

    await t.ok(ADVANCE, { to: new Date(serverNow(t).getTime() + 60_000).toISOString() }, operator);
    const delivery = await deliveryOf('consultation-message:');
    expect(delivery.status).toBe('SENT');

    // The same delivery's job again (a duplicate run), with two workers: nothing more is sent.
    await jobs.enqueue(RequestContext.system('test'), DELIVER_JOB, { deliveryId: delivery.id });
    await Promise.all([jobs.runDue(), jobs.runDue()]);

    const mails = smtp.received.filter((mail) => mail.messageId === `<${delivery.id}@notifications.dure>`);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toContain(agency.owner.email);
    expect(mails[0].subject).toBe('[두레] 김민지님이 메시지를 보냈어요');
    expect(mails[0].text).toContain('‘어르신 방문 목욕’ 상담에 새 메시지가 왔어요.\n“다음 주 화요일 오전에 가능할까요?”');
    expect(mails[0].text).toMatch(/자세히 보기: http:\/\/localhost:3000\/consultations\/[0-9a-f-]{36}/);
  });

  it('a delivery whose every attempt fails ends FAILED with the error, visible on the notification', async () => {
    const buyer = await signUp(t, '박지훈');
    smtp.refuse.count = 100;
    await t.ok(REQUEST, { input: { listingId, message: '주말에도 방문하시나요?' } }, buyer.token);
    await t.app.get(JobQueueService).runDue();
    const pending = (await t.app
      .get(DataSource)
      .query(
        `SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE d.status = 'PENDING' AND n.kind = 'CONSULTATION_MESSAGE'`,
      )) as Array<{ id: string }>;
    expect(pending).toHaveLength(1);
    for (let i = 0; i < 6; i++) await t.ok(ADVANCE, { to: new Date(serverNow(t).getTime() + 15 * 60_000).toISOString() }, operator);
    smtp.refuse.count = 0;

    const [failed] = await t.app
      .get(DataSource)
      .query(`SELECT status, last_error AS "lastError", failed_at AS "failedAt" FROM notification_delivery WHERE id = $1`, [pending[0].id]);
    expect(failed).toMatchObject({ status: 'FAILED', failedAt: expect.any(Date) });
    expect(failed.lastError).toContain('try again later');
    const seen = await t.ok(`{ myNotifications(first: 5) { nodes { kind deliveries { channel status failedAt } } } }`, {}, agency.owner.token);
    expect(seen.myNotifications.nodes[0]).toEqual({
      kind: 'CONSULTATION_MESSAGE',
      deliveries: [{ channel: 'EMAIL', status: 'FAILED', failedAt: expect.any(String) }],
    });
  });
});

describe('notifications: the Solapi 알림톡 adapter against a fake Solapi', () => {
  let fake: FakeSolapiServer;
  let provider: SolapiAlimtalkProvider;
  const notice = {
    deliveryId: '7d1f6c3e-0000-4000-8000-000000000001',
    kind: NotificationKind.RESERVATION_CONFIRMED,
    title: '예약이 확정되었어요',
    body: '‘어르신 방문 목욕’ 12월 24일 (수) 오후 3:00 예약(R-1)이 결제되어 확정되었어요.',
    link: 'http://localhost:3000/reservations/r1',
    variables: { '#{예약번호}': 'R-1' },
  };

  beforeAll(async () => {
    fake = await FakeSolapiServer.start('NCSTESTKEY', 'test-secret');
    provider = new SolapiAlimtalkProvider({
      apiKey: 'NCSTESTKEY',
      apiSecret: 'test-secret',
      pfId: 'KA01PF-TEST',
      senderNumber: '02-1234-5678',
      templateIds: { RESERVATION_CONFIRMED: 'KA01TP-CONFIRMED' },
      baseUrl: fake.url,
      timeoutMs: 2000,
    });
  });
  afterAll(() => fake.close());

  it('sends a signed request with the template, its variables and our delivery id', async () => {
    const receipt = await provider.send('010-9876-5432', notice);
    expect(receipt.providerMessageId).toBe('M4V1');
    expect(fake.messages).toEqual([
      {
        to: '01098765432',
        from: '0212345678',
        text: notice.body,
        kakaoOptions: { pfId: 'KA01PF-TEST', templateId: 'KA01TP-CONFIRMED', variables: { '#{예약번호}': 'R-1' }, disableSms: false },
        customFields: { deliveryId: notice.deliveryId },
      },
    ]);
  });

  it('supports only kinds with an approved template, and turns a refusal into a failed attempt', async () => {
    expect(provider.supports(NotificationKind.RESERVATION_CONFIRMED)).toBe(true);
    expect(provider.supports(NotificationKind.OFFER_SENT)).toBe(false);
    fake.failures.push(500);
    await expect(provider.send('01098765432', notice)).rejects.toThrow('Solapi 500 InternalError');
    const wrongSecret = new SolapiAlimtalkProvider({ ...(provider as any).options, apiSecret: 'wrong' });
    await expect(wrongSecret.send('01098765432', notice)).rejects.toThrow('SignatureDoesNotMatch');
  });
});
