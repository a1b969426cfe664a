/** The fonts the renderers draw text with (Debian's fonts-dejavu-core, installed with ffmpeg). */
const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
export const FONT = `${FONT_DIR}/DejaVuSans.ttf`;
export const FONT_BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
