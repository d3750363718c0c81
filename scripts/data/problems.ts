/** Where a problem stands: the file, and the record inside it when there is one. */
export interface Place {
  file: string;
  record?: string;
}

/** A failed data build: every problem found, each naming its file and record. */
export class DataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The data has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
    this.name = 'DataError';
  }
}

/**
 * Collects problems instead of stopping at the first, so that one build run shows an author
 * everything that is wrong.
 */
export class Problems {
  readonly list: string[] = [];
  /** Records ("Type slug") and whole types ("Type") that a problem already refused. */
  private readonly refused = new Set<string>();

  /**
   * Marks a record (or, with no slug, every record of a type: its file could not be read) as
   * refused, so that the references to it are not reported again as problems of their own.
   */
  refuse(type: string, slug?: string): void {
    this.refused.add(slug === undefined ? type : `${type} ${slug}`);
  }

  wasRefused(type: string, slug: string): boolean {
    return this.refused.has(type) || this.refused.has(`${type} ${slug}`);
  }

  /** Whether any record of `type` was refused. */
  refusedAny(type: string): boolean {
    return [...this.refused].some((key) => key === type || key.startsWith(`${type} `));
  }

  add(place: Place, problem: string): void {
    this.list.push(`${place.file}${place.record ? ` › ${place.record}` : ''}: ${problem}`);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new DataError(this.list);
  }
}
