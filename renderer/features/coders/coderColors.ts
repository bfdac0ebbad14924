/** The colours offered to a new coder, in the order new coders get them. */
export const CODER_COLORS = ['#2f5d8a', '#b5472f', '#3f7d3a', '#7a4a9c', '#b8860b', '#1f7a7a'];
