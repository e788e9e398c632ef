// Names the admin's autocomplete widgets after their field. Select2 4.0 (bundled with Django)
// names its combobox by the chosen value, so an empty one has no name and none is the field's,
// and it gives the search box of a multiple choice no name at all. Loaded deferred (after Django's
// autocomplete.js, before it runs): every widget it sets up, on load or in a new inline row.
"use strict";
{
  const $ = window.django && django.jQuery;
  const setUp = $ && $.fn.djangoAdminSelect2;

  function nameAfterField(select) {
    const label = select.labels[0];
    const { $selection, selection, dropdown } = $(select).data("select2");
    // The combobox, its chosen value (single choice) and its search box (multiple choice, or in
    // the single choice's dropdown). The combobox's value is read from its text, not its name.
    const $controls = $selection
      .add($selection.find(".select2-selection__rendered[role=textbox]"))
      .add(selection.$search)
      .add(dropdown.$search);
    if (label) {
      label.id ||= `${select.id}_label`;
      $controls.attr("aria-labelledby", label.id);
    } else {
      // A tabular inline's cell: its column's name is on the <select> (LabelledTabularInline).
      $controls.removeAttr("aria-labelledby").attr("aria-label", select.getAttribute("aria-label"));
    }
  }

  if (setUp) {
    $.fn.djangoAdminSelect2 = function () {
      // Select2 4.0 puts a multiple choice's "remove all" × inside the list of chosen items, as
      // a <span> (invalid list markup); each item has its own × and Backspace removes it.
      this.filter("[multiple]").attr("data-allow-clear", "false");
      setUp.call(this);
      this.each((i, select) => nameAfterField(select));
      return this;
    };
  }
}
