#!/usr/bin/env bash
# System packages that PDF scorecards need: a CJK font, Pango, and HarfBuzz's subsetter
# (without it WeasyPrint falls back to fontTools and a page of Chinese takes seconds, not
# tenths). Installed with apt-get when run as root; otherwise the exact command is printed.
set -u
PKGS="fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig"
# the browser test of check serve (tests/test_serve_browser.py) drives Debian's Chromium
PKGS="$PKGS chromium chromium-driver"
# a real Word-compatible client opens the commented .docx (--format docx), and reads .doc/.wps
PKGS="$PKGS libreoffice-writer-nogui"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "注意：缺少系统软件包:$missing（PDF 输出、网页测试和 Word 文件测试需要）。本机没有 apt-get，请用系统的包管理器安装同名软件包。" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  echo "安装 PDF 输出、网页测试和 Word 文件测试所需的系统软件包:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing) >/dev/null \
    || { echo "警告：apt-get 安装失败；PDF 输出可能不可用（check doctor 可诊断）" >&2; exit 0; }
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "注意：PDF 输出、网页测试和 Word 文件测试需要系统软件包:$missing。请以 root 运行：" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
fi
exit 0
