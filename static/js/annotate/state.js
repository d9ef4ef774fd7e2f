// The annotation view's one state object. main's entry (../annotate.js) creates it once and
// passes it to every module; nothing else in the view keeps data between events.
//
// It owns: the claims on the page (in text order), the claim open in the panel, the claim form
// and link being edited, and the source names seen so far (to tell a new source from a known one).

/** Text order: earlier start first, then the longer passage, then the older claim. */
const textOrder = (a, b) => a.start - b.start || b.end - a.end || a.id - b.id;

export function createState(config) {
  return {
    config,                // the page's page-config: article, annotationsUrl, claimCreateUrl,
                           // canAddClaim
    claims: [],            // claims in text order: {id, start, end, full: false} from the compact
                           // cards, full claim data (full: true) once a full card is loaded
    current: null,         // id of the claim open in the panel
    form: null,            // {mode: "new"|"edit", claim, passage, version}
    link: null,            // {claim, kind, target}
    sourceIds: new Map(),  // lower-case source name -> id, as seen in autocomplete answers

    claimById(id) {
      return this.claims.find((claim) => claim.id === id);
    },

    /** Replace the claims with the page's own list (the compact cards). */
    loadClaims(claims) {
      this.claims = claims;
      this.rememberClaimSources();
    },

    /** Add or replace one claim's data, keeping text order. */
    putClaim(data) {
      this.claims = this.claims.filter((claim) => claim.id !== data.id).concat([data]).sort(textOrder);
    },

    dropClaim(id) {
      this.claims = this.claims.filter((claim) => claim.id !== id);
    },

    /** The claim after `id` in text order, if any. */
    claimAfter(id) {
      return this.claims[this.claims.findIndex((claim) => claim.id === id) + 1];
    },

    /** Ids of the claims in this article linked to `claim`: their cards change with it. */
    linkedHere(claim) {
      return claim && claim.links ? claim.links.filter((link) => link.other.article === this.config.article).map((link) => link.other.id) : [];
    },

    rememberSource(name, id) {
      this.sourceIds.set(name.toLowerCase(), id);
    },

    rememberClaimSources() {
      for (const claim of this.claims) if (claim.source) this.rememberSource(claim.source.name, claim.source.id);
    },

    forgetSource(name) {
      this.sourceIds.delete(name.replace(/\s+/g, " ").toLowerCase());
    },

    /** The id of a source already seen under `name` (any case), or undefined. */
    sourceId(name) {
      return this.sourceIds.get(name.toLowerCase());
    },
  };
}
