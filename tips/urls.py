from django.urls import path

from tips import views

app_name = "tips"
urlpatterns = [
    path("new/", views.suggest, name="suggest"),
    path("error/<int:claim_id>/", views.report_error, name="report_error"),
    path("thanks/", views.thanks, name="thanks"),
]
