function canlianFit(root) {
  root.querySelectorAll('[data-fit]').forEach((el) => {
    if (!el.dataset.size) el.dataset.size = parseFloat(getComputedStyle(el).fontSize);
    let size = parseFloat(el.dataset.size);
    const min = size / 2;
    el.style.fontSize = size + 'px';
    while ((el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) && size > min) {
      size -= 1;
      el.style.fontSize = size + 'px';
    }
  });
}
