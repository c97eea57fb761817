import { Injectable } from '@nestjs/common';

/** The one source of "now". Tests replace it with a clock they can move. */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }
  /** Test helpers: freeze at an instant, or advance. */
  set(at: Date | string): void {
    this.frozenAt = new Date(at).getTime();
  }
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }
}
