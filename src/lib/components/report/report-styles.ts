// The report's print styles (issue 16): the preview page and the PDF use this one string, so what
// management sees is what Chromium prints. Everything is under .rapport. A string (not a .css
// file) so the server can put it inline in the PDF's HTML, in the built app and in tests alike.
export const REPORT_CSS = `.rapport {
	font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif;
	font-size: 10.5pt;
	line-height: 1.4;
	color: #1b2430;
}
.rapport .h1,
.rapport .h2,
.rapport .h3,
.rapport .h4 {
	color: #12324a;
	line-height: 1.2;
	break-after: avoid;
}
.rapport .h1 {
	font-size: 28pt;
	margin: 0 0 8pt;
}
.rapport .h2 {
	font-size: 18pt;
	margin: 0 0 8pt;
}
.rapport .h3 {
	font-size: 13pt;
	margin: 14pt 0 6pt;
}
.rapport .h4 {
	font-size: 11pt;
	margin: 10pt 0 4pt;
}
.rapport p {
	margin: 0 0 6pt;
}
.rapport .b {
	font-weight: bold;
}
.rapport .muted {
	color: #5a6470;
}
.rapport .lead {
	color: #5a6470;
	margin-bottom: 10pt;
}
.rapport a {
	color: #0b4f8a;
}
.rapport .cover {
	padding-top: 40mm;
	break-after: page;
}
.rapport .logo {
	display: block;
	max-width: 65mm;
	max-height: 30mm;
	margin-bottom: 10mm;
}
.rapport .cover-werkplaats {
	font-size: 14pt;
	color: #5a6470;
}
.rapport .cover-audience {
	font-size: 15pt;
	margin: 6pt 0 18pt;
}
.rapport .toc {
	break-after: page;
}
.rapport .toc a {
	text-decoration: none;
	color: inherit;
}
.rapport .chapter {
	break-before: page;
}
.rapport .atelier {
	break-before: page;
}
.rapport .atelier:first-of-type {
	break-before: auto;
}
.rapport table {
	width: 100%;
	border-collapse: collapse;
	margin: 0 0 12pt;
	font-size: 9.5pt;
}
.rapport caption {
	text-align: left;
	font-weight: bold;
	padding-bottom: 3pt;
	color: #12324a;
}
.rapport th,
.rapport td {
	border-bottom: 0.5pt solid #c8d2dc;
	padding: 3pt 5pt;
	text-align: left;
	vertical-align: top;
}
.rapport thead th {
	background: #dce6f0;
}
.rapport tbody th {
	font-weight: normal;
}
.rapport tr {
	break-inside: avoid;
}
.rapport .n {
	text-align: right;
	white-space: nowrap;
}
.rapport .matrix {
	font-size: 7.5pt;
}
.rapport .matrix td {
	text-align: center;
}
.rapport .matrix thead th,
.rapport .trend thead th {
	white-space: nowrap;
}
.rapport .matrix td.ok {
	background: #e3f1e6;
}
.rapport .matrix td.open {
	background: #fbe9d9;
}
.rapport .chart {
	margin: 10pt 0;
	break-inside: avoid;
}
.rapport .chart img {
	max-width: 100%;
	max-height: 75mm;
	width: auto;
	height: auto;
}
.rapport figcaption {
	font-size: 9pt;
	color: #5a6470;
}
.rapport .highlights {
	list-style: none;
	padding: 0;
}
.rapport .highlights > li {
	margin: 0 0 10pt;
	break-inside: avoid;
}
.rapport blockquote {
	margin: 4pt 0 4pt 12pt;
	font-style: italic;
}
.rapport blockquote .speaker {
	font-style: normal;
	color: #5a6470;
	font-size: 9pt;
}
.rapport .link {
	font-size: 9pt;
	word-break: break-all;
}
.rapport .funding {
	margin-top: 12pt;
}
.rapport .colofon .line {
	margin: 0;
}
.rapport .missing {
	color: #a3320b;
	font-weight: bold;
}
.rapport tr.flagged {
	outline: 2px solid #a3320b;
}

@media screen {
	.rapport {
		background: #fff;
		max-width: 190mm;
		padding: 12mm 14mm;
		box-shadow: 0 0 0 1px #c8d2dc;
	}
	.rapport .cover {
		min-height: 0;
		padding-top: 0;
		border-bottom: 1px dashed #c8d2dc;
		margin-bottom: 16pt;
	}
	.rapport .chapter {
		border-top: 1px dashed #c8d2dc;
		padding-top: 12pt;
		margin-top: 16pt;
	}
}
`;
