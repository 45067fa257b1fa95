import type { ProjectStatus } from '../api/project-types.ts';
import '../projects.css';
import { useI18n } from '../i18n/i18n.tsx';

/** The tone of a status: where the project stands in its lifecycle (the text says it, not the colour). */
const TONE: Record<ProjectStatus, string> = {
  draft: 'pending',
  submitted: 'pending',
  eligible: 'pending',
  ineligible: 'stopped',
  stage1: 'pending',
  stage2: 'pending',
  labelled: 'labelled',
  rejected: 'stopped',
  funded: 'labelled',
  running: 'running',
  closed: 'closed',
  abandoned: 'stopped',
};

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { tx } = useI18n();
  return <span className={`status-pill project-status is-${TONE[status]}`}>{tx(`status.${status}`)}</span>;
}
