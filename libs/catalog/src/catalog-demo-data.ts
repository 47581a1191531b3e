import { Injectable } from '@nestjs/common';
import { DemoDataRegistry, RequestContext } from '../../common/src/index.js';
import { DEMO_ACCOUNTS, OrganizationService, UserService } from '../../identity/src/index.js';
import { PartnerAgencyService, PartnerAgencyStatus, ServiceCategory } from '../../membership/src/index.js';
import { AvailabilityService } from './availability.service.js';
import type { CreateListingInput } from './dto/listing.inputs.js';
import { ListingKind } from './listing-enums.js';
import { ServiceLocation } from './listing-terms.js';
import { ListingService } from './listing.service.js';
import { Weekday } from './weekday.js';

const WEEKDAYS = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY];

/**
 * The demo cooperative's listings, created by its owner through the same services a client calls: a
 * directly bookable home-care visit open on weekdays, and a tidying service that starts with a consultation.
 * Published when the agency is ACTIVE (it is with the simulated payment provider).
 */
@Injectable()
export class CatalogDemoData {
  constructor(
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
    private readonly agencies: PartnerAgencyService,
    private readonly listings: ListingService,
    private readonly availability: AvailabilityService,
    demoData: DemoDataRegistry,
  ) {
    demoData.register('catalog', (ctx) => this.seed(ctx));
  }

  private async seed(ctx: RequestContext): Promise<void> {
    const owner = await this.users.findByEmail(ctx, DEMO_ACCOUNTS.cooperative.email);
    const [membership] = owner ? await this.organizations.membershipsOfUser(ctx, owner.id) : [];
    const agency = membership && (await this.agencies.loadByOrganization(ctx, membership.organizationId));
    if (!agency) return;
    ctx.signedInAs({ id: owner!.id, isOperator: false });
    if ((await this.listings.countOfAgency(ctx, agency.id)) > 0) return;

    const visit = await this.listings.create(ctx, {
      ...serviceListing(agency.id),
      title: '어르신 방문 돌봄',
      summary: '요양보호사가 댁으로 찾아가 식사, 말벗, 산책을 돕습니다',
      description: '마포구 전역. 요양보호사 자격을 갖춘 조합원이 두 시간 동안 어르신 곁을 지킵니다. 첫 방문 전 보호자와 통화로 일정을 확인합니다.',
      price: 30_000,
      category: ServiceCategory.CARE,
      service: { durationMinutes: 120, capacityPerSlot: 2, location: ServiceLocation.AT_CUSTOMER, requiresConsultation: false },
    });
    await this.availability.set(ctx, visit.id, { weeklyHours: WEEKDAYS.map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '18:00' })) });
    const tidying = await this.listings.create(ctx, {
      ...serviceListing(agency.id),
      title: '집 정리 정돈 도움',
      summary: '이사 뒤나 병원에서 돌아오신 뒤 살림을 함께 정리합니다',
      description: '상담으로 집 상태와 필요한 시간을 듣고 견적을 드립니다.',
      price: 80_000,
      category: ServiceCategory.LIVING,
      service: { durationMinutes: 240, capacityPerSlot: 1, location: ServiceLocation.AT_CUSTOMER, requiresConsultation: true },
    });
    if (agency.status !== PartnerAgencyStatus.ACTIVE) return;
    await this.listings.publish(ctx, visit.id);
    await this.listings.publish(ctx, tidying.id);
  }
}

function serviceListing(partnerAgencyId: string): Pick<CreateListingInput, 'partnerAgencyId' | 'kind' | 'region' | 'commissionRateBps' | 'taxFree'> {
  return { partnerAgencyId, kind: ListingKind.SERVICE, region: '서울 마포구', commissionRateBps: 1000, taxFree: true };
}
