export type StaffRole = 'staff' | 'manager';

export interface StaffMember {
  name: string;
  role: StaffRole;
  email?: string;
}

/**
 * The named people who work complaints (from ADMIN_TOKENS): who may be assigned a complaint, whose
 * name goes in the audit trail, and where an assigned complaint's reminders go. Names compare without
 * case, so « Alice » on the command line is the account alice.
 */
export class StaffDirectory {
  private readonly byName = new Map<string, StaffMember>();

  constructor(members: readonly StaffMember[]) {
    for (const member of members) this.byName.set(member.name.toLowerCase(), member);
  }

  /** False when no staff is named (ADMIN_TOKENS not set): names cannot be checked. */
  get configured(): boolean {
    return this.byName.size > 0;
  }

  get members(): StaffMember[] {
    return [...this.byName.values()];
  }

  find(name: string | undefined): StaffMember | undefined {
    return name ? this.byName.get(name.trim().toLowerCase()) : undefined;
  }

  /** The assigned officer's address, or undefined (then the team address applies). */
  emailOf(name: string | undefined): string | undefined {
    return this.find(name)?.email;
  }
}

/** A name that is not in the staff directory. */
export class UnknownStaffError extends Error {
  constructor(readonly staffName: string) {
    super('unknown staff member');
    this.name = 'UnknownStaffError';
  }
}

/** The directory's own spelling of a staff name; any trimmed name when no directory is configured. */
export function canonicalStaffName(directory: StaffDirectory, name: string): string {
  const trimmed = name.trim();
  if (!directory.configured) return trimmed;
  const member = directory.find(trimmed);
  if (!member) throw new UnknownStaffError(trimmed);
  return member.name;
}
