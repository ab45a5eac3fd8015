/** A top-level view: mounted into <main>, told about URL changes, unmounted on leaving. */
export interface View {
  update(params: URLSearchParams): void;
  unmount(): void;
}

export type ViewFactory = (el: HTMLElement, params: URLSearchParams) => View;
