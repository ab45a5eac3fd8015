import type { Db } from '../../graph-store/db.js';
import { deadlineGrid, tasksByDeadline, type DeadlineFilters } from '../../graph-store/deadline-reads.js';
import type { ProvinceEra } from '../../graph-schema/index.js';

/** A deadline query as the API takes it: `provinces` says how province names are read; `asOf` defaults to today. */
type Query = Omit<DeadlineFilters, 'era' | 'asOf'> & { provinces: ProvinceEra; asOf?: string };
const filters = ({ provinces, asOf, ...q }: Query): DeadlineFilters => ({ ...q, asOf: asOf ?? new Date().toISOString().slice(0, 10), era: provinces });

export const deadlines = (db: Db, q: Query) => deadlineGrid(db, filters(q));

export const tasksDue = (db: Db, q: Query & { status: 'overdue' | 'upcoming' | 'dated'; year?: number; limit: number; offset: number }) => {
  const { status, year, limit, offset, ...rest } = q;
  return tasksByDeadline(db, { ...filters(rest), status, year, limit, offset });
};
