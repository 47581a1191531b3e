import type { IncomingMessage, Server } from 'node:http';
import { FakeJsonServer, type JsonReply } from './fake-json-server.js';

/** One scan as SweetTracker lists it in `trackingDetails`. */
export interface FakeScan {
  level: number;
  /** `2026-03-16 14:10:00`, Korean time. */
  timeString: string;
  kind: string;
}

/** Replaces the normal answer to the next query about one invoice. */
export type FakeSweetTrackerStep =
  /** Answer this HTTP status with an empty body, as a failing gateway would. */
  | { status: number }
  /** Answer normally, but only after `delayMs` (the client has usually given up by then). */
  | { delayMs: number };

export interface RecordedQuery {
  t_key: string | null;
  t_code: string | null;
  t_invoice: string | null;
}

const KIND_BY_LEVEL: Record<number, string> = { 1: '배송준비중', 2: '집화처리', 3: '간선상차', 4: '배달지 도착', 5: '배송출발', 6: '배달완료' };

/**
 * A small stand-in for SweetTracker's `GET /api/v1/trackingInfo?t_key&t_code&t_invoice`: parcels are
 * programmed per carrier code and invoice; unknown invoices and wrong keys get SweetTracker's
 * `{ status: false, code, msg }` answers; tests script slow answers and 5xx per invoice.
 */
export class FakeSweetTrackerServer extends FakeJsonServer {
  /** Every query in arrival order, whatever became of it. */
  readonly queries: RecordedQuery[] = [];
  private readonly parcels = new Map<string, FakeScan[]>();
  private readonly scripts = new Map<string, FakeSweetTrackerStep[]>();
  private constructor(
    server: Server,
    url: string,
    private readonly apiKey: string,
  ) {
    super(server, url);
  }

  static start(apiKey: string): Promise<FakeSweetTrackerServer> {
    return FakeJsonServer.listen((server, url) => new FakeSweetTrackerServer(server, url, apiKey));
  }

  /** The carrier scanned the parcel at each of these levels and times (`2026-03-16 14:10:00`, KST). */
  scan(code: string, invoice: string, ...scans: Array<[level: number, timeString: string]>): void {
    const known = this.parcels.get(`${code}:${invoice}`) ?? [];
    this.parcels.set(`${code}:${invoice}`, [...known, ...scans.map(([level, timeString]) => ({ level, timeString, kind: KIND_BY_LEVEL[level] ?? '' }))]);
  }

  /** The next queries about `invoice` follow these steps, one step per query. */
  script(invoice: string, ...steps: FakeSweetTrackerStep[]): void {
    this.scripts.set(invoice, [...(this.scripts.get(invoice) ?? []), ...steps]);
  }

  protected async serve(req: IncomingMessage): Promise<JsonReply | undefined> {
    const url = new URL(req.url!, this.url);
    const query = { t_key: url.searchParams.get('t_key'), t_code: url.searchParams.get('t_code'), t_invoice: url.searchParams.get('t_invoice') };
    this.queries.push(query);
    if (url.pathname !== '/api/v1/trackingInfo') return { status: 404, body: { status: false, msg: 'Not Found' } };
    const step = this.scripts.get(query.t_invoice ?? '')?.shift();
    if (step && 'status' in step) return { status: step.status };
    if (step && !(await this.delay(step.delayMs))) return undefined;
    if (query.t_key !== this.apiKey) return { status: 200, body: { status: false, code: '101', msg: '유효하지 않은 Key 입니다.' } };
    const scans = this.parcels.get(`${query.t_code}:${query.t_invoice}`);
    if (!scans) return { status: 200, body: { status: false, code: '104', msg: `운송장 번호 [${query.t_invoice}]에 대한 배송정보가 없습니다.` } };
    return { status: 200, body: this.answer(query.t_invoice!, scans) };
  }

  /** The shape of SweetTracker's answer; `time` is epoch milliseconds, `timeString` Korean time. */
  private answer(invoice: string, scans: FakeScan[]): unknown {
    const details = scans.map((scan) => ({
      time: Date.parse(`${scan.timeString.replace(' ', 'T')}+09:00`),
      timeString: scan.timeString,
      code: null,
      where: '대전HUB',
      kind: scan.kind,
      telno: '',
      telno2: '',
      remark: null,
      level: scan.level,
      manName: '',
      manPic: '',
    }));
    const level = Math.max(0, ...scans.map((scan) => scan.level));
    const complete = level === 6;
    return {
      result: 'Y',
      invoiceNo: invoice,
      itemName: '',
      level,
      complete,
      completeYN: complete ? 'Y' : 'N',
      trackingDetails: details,
      firstDetail: details[0],
      lastDetail: details.at(-1),
      lastStateDetail: details.at(-1),
      estimate: null,
      orderNumber: null,
      adUrl: null,
    };
  }
}
