"""The back office's resident forms (CSRF-protected by Flask-WTF), each field held to its column."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.fields import DateField
from wtforms.validators import DataRequired, InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from pos.input_text import PlainText
from pos.residents.models import STATUSES, Resident, ResidentCategory
from pos.residents.records import AREA_FIELDS, CategoryGrantIn, ResidentIn

ID_NUMBER_MAX = 40  # 18 characters, with room for the spaces and separators people type; checked after


class Checkboxes(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class GrantForm(Form):
    """One subsidy category: held or not, from and to, and the proof seen."""

    code = HiddenField()
    held = BooleanField()
    valid_from = DateField(_l("Valid from"), validators=[Optional()])
    valid_to = DateField(_l("Valid to"), validators=[Optional()])
    proof_note = StringField(_l("Proof"), validators=[PlainText(ResidentCategory.proof_note)])


class ResidentForm(FlaskForm):
    """A resident's details, categories, emergency contact and dietary needs."""

    name = StringField(_l("Full name"), validators=[DataRequired(), PlainText(Resident.name)])
    id_number = StringField(_l("ID number"), validators=[PlainText(ID_NUMBER_MAX)])
    phone = StringField(_l("Phone"), validators=[PlainText(Resident.phone)])
    address = StringField(_l("Address"), validators=[PlainText(Resident.address)])
    province = StringField(_l("Province"), validators=[PlainText(Resident.province)])
    city = StringField(_l("City"), validators=[PlainText(Resident.city)])
    district = StringField(_l("District or county"), validators=[PlainText(Resident.district)])
    street = StringField(_l("Street or town"), validators=[PlainText(Resident.street)])
    community = StringField(_l("Community or village"), validators=[PlainText(Resident.community)])
    emergency_name = StringField(_l("Emergency contact"), validators=[PlainText(Resident.emergency_name)])
    emergency_phone = StringField(_l("Emergency contact's phone"), validators=[PlainText(Resident.emergency_phone)])
    diet = Checkboxes(_l("Dietary needs"), choices={})
    allergens = Checkboxes(_l("Allergies"), choices={})
    categories = FieldList(FormField(GrantForm))

    def resident_in(self, id_number: str | None = None) -> ResidentIn:
        """The typed details (the ID number given, on an edit, is the stored one)."""
        return ResidentIn(
            name=self.name.data or "", id_number=id_number if id_number is not None else (self.id_number.data or ""),
            phone=self.phone.data or "", address=self.address.data or "",
            area={key: getattr(self, key).data or "" for key in AREA_FIELDS},
            categories=tuple(CategoryGrantIn(row.code.data, row.valid_from.data, row.valid_to.data,
                                             (row.proof_note.data or "").strip())
                             for row in (entry.form for entry in self.categories) if row.held.data),
            emergency_name=self.emergency_name.data or "", emergency_phone=self.emergency_phone.data or "",
            diet=tuple(self.diet.data or ()), allergens=tuple(self.allergens.data or ()))


class StatusForm(FlaskForm):
    """Active, moved away or deceased, from a date."""

    status = SelectField(_l("Status"), choices={s: s for s in STATUSES}, validators=[InputRequired()])
    status_date = DateField(_l("From"), validators=[Optional()])


class UploadForm(FlaskForm):
    """The community office's list, and whether to issue the cards in its card-number column."""

    file = FileField(_l("Resident list (.xlsx or .csv)"))
    with_cards = BooleanField(_l("Issue the cards in the card number column (卡号) too"))


class ConfirmForm(FlaskForm):
    """Confirm the checked list: it is imported as it was checked."""

    token = HiddenField(validators=[DataRequired()])
