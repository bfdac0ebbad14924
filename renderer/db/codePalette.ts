/** Default colours for new codes: distinct, and readable behind black text at highlight opacity. */
export const CODE_PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#bfef45', '#808000', '#4b6cb7'];
