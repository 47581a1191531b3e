import { Alert, AppShell, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { session } from './api';
import { LogOutDocument, MeDocument, type MeQuery } from './generated/graphql';
import { useApiQuery } from './hooks';
import { AgencyDashboard } from './screens/AgencyDashboard';
import { AgencyDetail } from './screens/AgencyDetail';
import { AgencyListings } from './screens/AgencyListings';
import { AgencyReview } from './screens/AgencyReview';
import { AgencyShipping } from './screens/AgencyShipping';
import { Agencies } from './screens/Agencies';
import { CertificationReview } from './screens/CertificationReview';
import { AgencyCoupons, OperatorCoupons } from './screens/Coupons';
import { CreatorReview } from './screens/CreatorReview';
import { ExhibitionDetail } from './screens/ExhibitionDetail';
import { Exhibitions } from './screens/Exhibitions';
import { FailedJobs } from './screens/FailedJobs';
import { LogIn } from './screens/LogIn';
import { NonBusinessDays } from './screens/NonBusinessDays';
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
];

const AGENCY_SECTIONS: Section[] = [
  { path: '/dashboard', label: '오늘 할 일' },
  { path: '/shipping', label: '발송 관리' },
  { path: '/listings', label: '상품·서비스' },
  { path: '/coupons', label: '쿠폰' },
];

/** The agency the signed-in member acts for: the first of their organizations that is a partner agency. */
function agencyOf(me: MeQuery['me']) {
  const membership = me.memberships.find((m) => m.organization.partnerAgency);
  return membership ? { id: membership.organization.partnerAgency!.id, name: membership.organization.name } : null;
}

function SignedIn() {
  const me = useApiQuery(MeDocument, {});
  const [location] = useLocation();
  const queryClient = useQueryClient();
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
  const agency = agencyOf(user);
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
            <Route>
              <Redirect to="/review" replace />
            </Route>
          </Switch>
        ) : agency ? (
          <Switch>
            <Route path="/dashboard">
              <AgencyDashboard partnerAgencyId={agency.id} />
            </Route>
            <Route path="/shipping">
              <AgencyShipping partnerAgencyId={agency.id} />
            </Route>
            <Route path="/listings">
              <AgencyListings partnerAgencyId={agency.id} />
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
