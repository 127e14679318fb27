import { InvalidRequestError } from '../../errors/index.js';

/** Whether a comparator result satisfies a relation operator (=, !=, <, <=, >, >=). */
export function satisfies(operator: string, comparison: number): boolean {
  switch (operator) {
    case '=': return comparison === 0;
    case '!=': return comparison !== 0;
    case '<': return comparison < 0;
    case '<=': return comparison <= 0;
    case '>': return comparison > 0;
    case '>=': return comparison >= 0;
    default: throw new InvalidRequestError(`Unsupported operator ${operator}`);
  }
}
