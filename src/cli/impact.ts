import { Command } from 'commander';

/**
 * `polaris impact attgt | did | twfe`: the evaluators' standalone commands. They read a panel
 * file and never open the database.
 */

type Wrap = <A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined>,
) => (...args: A) => Promise<void>;

export function impactCommand(_wrap: Wrap): Command {
  return new Command('impact').description('impact evaluation on a panel file (difference-in-differences)');
}
