/**
 * Moves the keyboard focus to a form's outcome (its error summary or its status message) as soon
 * as that appears, so a screen reader reads it and the next Tab starts there.
 *
 * How the outcome is reached in each case:
 * - without JavaScript the page comes back from the server with the outcome marked `autofocus`,
 *   which the browser honours on load;
 * - after a refused submit through `use:enhance` the summary is mounted afresh (SvelteKit clears
 *   `form` before setting it), and this action focuses it;
 * - after a successful submit SvelteKit itself resets the focus to the first `[autofocus]`
 *   element, which is the new status message; after a navigation this action's focus stands.
 *
 * The `autofocus` attribute is dropped once the outcome has had the focus, so that a message that
 * stays on the page (say "Het atelier is aangemaakt.") does not take the focus from the outcome of
 * the next form.
 */
export function focusOutcome(node: HTMLElement) {
	node.focus();
	const timer = setTimeout(() => node.removeAttribute('autofocus'), 0);
	return { destroy: () => clearTimeout(timer) };
}
