from django.urls import path

from claims import views

app_name = "claims"
urlpatterns = [
    path("claims/<int:pk>-<slug:slug>/", views.ClaimDetailView.as_view(), name="detail"),
]
