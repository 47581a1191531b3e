import { Alert, AppShell, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { session } from './api';
import { LogOutDocument, MeDocument } from './generated/graphql';
import { useApiQuery } from './hooks';
import { AgencyDashboard } from './screens/AgencyDashboard';
import { AgencyConsultations } from './screens/AgencyConsultations';
import { AgencyDetail } from './screens/AgencyDetail';
import { AgencyListings } from './screens/AgencyListings';
import { AgencyMembers } from './screens/AgencyMembers';
import { AgencyPicker, useActingAgency } from './screens/AgencyPicker';
import { AgencyReservations } from './screens/AgencyReservations';
import { AgencyReturns } from './screens/AgencyReturns';
import { AgencyReview } from './screens/AgencyReview';
import { AgencySettlement } from './screens/AgencySettlement';
import { AgencyShipping } from './screens/AgencyShipping';
import { AgencySubscriptions } from './screens/AgencySubscriptions';
import { Agencies } from './screens/Agencies';
import { CertificationReview } from './screens/CertificationReview';
import { AgencyCoupons, OperatorCoupons } from './screens/Coupons';
import { CreatorReview } from './screens/CreatorReview';
import { ExhibitionDetail } from './screens/ExhibitionDetail';
import { Exhibitions } from './screens/Exhibitions';
import { FailedJobs } from './screens/FailedJobs';
import { LogIn } from './screens/LogIn';
import { NonBusinessDays } from './screens/NonBusinessDays';
import { Payouts } from './screens/Payouts';
import { PriorityPurchaseReport } from './screens/PriorityPurchaseReport';
import { Settlement } from './screens/Settlement';
import { OperatorListings } from './screens/OperatorListings';

export function App() {
  const signedIn = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.signedIn,
  );
  return signedIn ? <SignedIn /> : <LogIn />;
}

interface Section {
  path: string;
  label: string;
}

const OPERATOR_SECTIONS: Section[] = [
  { path: '/review', label: '입점 심사' },
  { path: '/review/market-creators', label: '마켓 크리에이터 심사' },
  { path: '/review/certifications', label: '인증 심사' },
  { path: '/agencies', label: '파트너 기관' },
  { path: '/listings', label: '상품·서비스' },
  { path: '/coupons', label: '쿠폰' },
  { path: '/exhibitions', label: '기획전' },
  { path: '/non-business-days', label: '휴무일' },
  { path: '/failed-jobs', label: '실패한 작업' },
  { path: '/settlement', label: '정산' },
  { path: '/payouts', label: '지급' },
  { path: '/priority-purchases', label: '우선구매 실적' },
];

const AGENCY_SECTIONS: Section[] = [
  { path: '/dashboard', label: '오늘 할 일' },
  { path: '/shipping', label: '발송 관리' },
  { path: '/listings', label: '상품·서비스' },
  { path: '/settlement', label: '정산' },
  { path: '/returns', label: '반품·교환' },
  { path: '/consultations', label: '상담' },
  { path: '/reservations', label: '예약' },
  { path: '/subscriptions', label: '정기배송' },
  { path: '/members', label: '구성원' },
  { path: '/coupons', label: '쿠폰' },
];

function SignedIn() {
  const me = useApiQuery(MeDocument, {});
  const [location] = useLocation();
  const queryClient = useQueryClient();
  const { agencies, agency, pick } = useActingAgency(me.data?.me);
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label="불러오는 중" />
      </Center>
    );
  if (me.error)
    return (
      <Center h="100vh">
        <Alert color="red" role="alert" title="계정 정보를 불러오지 못했습니다">
          {me.error.message}
        </Alert>
      </Center>
    );
  const user = me.data.me;
  const sections = user.isOperator ? OPERATOR_SECTIONS : agency ? AGENCY_SECTIONS : [];

  const logOut = async () => {
    const refreshToken = session.refreshToken;
    if (refreshToken) await session.request(LogOutDocument, { refreshToken }).catch(() => undefined);
    session.store(null);
    queryClient.clear();
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'xs' }} padding="md">
      <a className="skip-link" href="#main">
        본문으로 건너뛰기
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Text fw={700} size="lg" component="span">
            두레 콘솔
          </Text>
          <Group gap="sm">
            {!user.isOperator && agency && agencies.length > 1 && <AgencyPicker agencies={agencies} agency={agency} onPick={pick} />}
            <Text size="sm" component="span">
              {user.name} ({user.isOperator ? '사무국' : (agency?.name ?? '회원')})
            </Text>
            <Button variant="default" size="xs" onClick={logOut}>
              로그아웃
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="콘솔 메뉴">
        {sections.map((section) => (
          <NavLink
            key={section.path}
            component={Link}
            href={section.path}
            label={section.label}
            variant="filled"
            active={location === section.path}
            aria-current={location === section.path ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        {user.isOperator ? (
          <Switch>
            <Route path="/review" component={AgencyReview} />
            <Route path="/review/market-creators" component={CreatorReview} />
            <Route path="/review/certifications" component={CertificationReview} />
            <Route path="/agencies" component={Agencies} />
            <Route path="/agencies/:id" component={AgencyDetail} />
            <Route path="/listings" component={OperatorListings} />
            <Route path="/coupons" component={OperatorCoupons} />
            <Route path="/exhibitions" component={Exhibitions} />
            <Route path="/exhibitions/:slug" component={ExhibitionDetail} />
            <Route path="/non-business-days" component={NonBusinessDays} />
            <Route path="/failed-jobs" component={FailedJobs} />
            <Route path="/settlement" component={Settlement} />
            <Route path="/payouts" component={Payouts} />
            <Route path="/priority-purchases" component={PriorityPurchaseReport} />
            <Route>
              <Redirect to="/review" replace />
            </Route>
          </Switch>
        ) : agency ? (
          <Switch key={agency.id}>
            <Route path="/dashboard">
              <AgencyDashboard partnerAgencyId={agency.id} />
            </Route>
            <Route path="/shipping">
              <AgencyShipping partnerAgencyId={agency.id} />
            </Route>
            <Route path="/listings">
              <AgencyListings partnerAgencyId={agency.id} />
            </Route>
            <Route path="/settlement">
              <AgencySettlement partnerAgencyId={agency.id} />
            </Route>
            <Route path="/returns">
              <AgencyReturns partnerAgencyId={agency.id} />
            </Route>
            <Route path="/consultations">
              <AgencyConsultations partnerAgencyId={agency.id} />
            </Route>
            <Route path="/reservations">
              <AgencyReservations partnerAgencyId={agency.id} />
            </Route>
            <Route path="/subscriptions">
              <AgencySubscriptions partnerAgencyId={agency.id} />
            </Route>
            <Route path="/members">
              <AgencyMembers agency={agency} userId={user.id} />
            </Route>
            <Route path="/coupons">
              <AgencyCoupons partnerAgencyId={agency.id} />
            </Route>
            <Route>
              <Redirect to="/dashboard" replace />
            </Route>
          </Switch>
        ) : (
          <Title order={1}>이 계정은 파트너 기관의 구성원이 아닙니다</Title>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
