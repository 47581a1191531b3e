import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import type { MeQuery, OrganizationRole } from '../generated/graphql';

/** A partner agency the signed-in member acts for, with their role in its organization (docs/RULES.md §3a). */
export interface ActingAgency {
  id: string;
  organizationId: string;
  name: string;
  role: OrganizationRole;
}

/** The browser remembers the agency last picked, so a member of several finds the same one next time. */
const PICKED_AGENCY = 'dure.console.agency';

function agenciesOf(me: MeQuery['me'] | undefined): ActingAgency[] {
  return (me?.memberships ?? []).flatMap(({ role, organization }) =>
    organization.partnerAgency ? [{ id: organization.partnerAgency.id, organizationId: organization.id, name: organization.name, role }] : [],
  );
}

/**
 * The member's partner agencies and the one they act for: the one picked last in this browser while they
 * are still its member, else the first.
 */
export function useActingAgency(me: MeQuery['me'] | undefined) {
  const [picked, setPicked] = useState(() => localStorage.getItem(PICKED_AGENCY));
  const agencies = agenciesOf(me);
  return {
    agencies,
    agency: agencies.find((agency) => agency.id === picked) ?? agencies[0] ?? null,
    pick: (id: string) => {
      localStorage.setItem(PICKED_AGENCY, id);
      setPicked(id);
    },
  };
}

/** The header's choice of agency, for a member of more than one. */
export function AgencyPicker({ agencies, agency, onPick }: { agencies: ActingAgency[]; agency: ActingAgency; onPick: (id: string) => void }) {
  return (
    <NativeSelect
      aria-label="활동할 기관"
      size="xs"
      data={agencies.map(({ id, name }) => ({ value: id, label: name }))}
      value={agency.id}
      onChange={(event) => onPick(event.currentTarget.value)}
    />
  );
}
